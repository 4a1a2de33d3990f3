"""Python's poplib against the live POP3 server: what a script written for any POP3 server does.

Usage: poplib_client.py PORT TLS_PORT USER PASSWORD
Prints one line per step; the Java test checks them.
"""
import poplib
import ssl
import sys

port, tls_port, user, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]


def unverified():
    # The test server's certificate is self-signed: this script checks the protocol, not the PKI.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


pop = poplib.POP3("127.0.0.1", port, timeout=30)
print("welcome", pop.getwelcome().decode())
print("capa", sorted(pop.capa().keys()))
try:
    pop.apop(user, password)
    print("apop accepted")
except poplib.error_proto as e:
    print("apop refused", e)
try:
    pop._shortcmd("APOP %s c4c9334bac560ecc979e58001b3e22fb" % user)
    print("apop-command accepted")
except poplib.error_proto as e:
    print("apop-command refused", e.args[0].decode())
pop.stls(unverified())
print("stls", pop.sock.version())
print("capa-after-stls", "STLS" in pop.capa())
print("user", pop.user(user).decode())
print("pass", pop.pass_(password).decode())
count, size = pop.stat()
print("stat", count, size)
print("uidl", [line.decode() for line in pop.uidl()[1]])
response, lines, octets = pop.top(2, 1)
print("top", [line.decode() for line in lines])
response, lines, octets = pop.retr(2)
print("retr", [line.decode() for line in lines])
print("dele", pop.dele(1).decode())
print("quit", pop.quit().decode())

secure = poplib.POP3_SSL("127.0.0.1", tls_port, context=unverified(), timeout=30)
secure.user(user)
secure.pass_(password)
print("pop3s-stat", secure.stat())
print("pop3s-uidl", [line.decode() for line in secure.uidl()[1]])
secure.quit()
