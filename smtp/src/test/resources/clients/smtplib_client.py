"""Python smtplib against the live Mailvault MX; prints one line per check for the Java test.

Usage: smtplib_client.py <mode> <port> <ca-pem> <message-file>
mode: plain | starttls | pipelined | refused
smtplib has no BDAT/CHUNKING support, so BDAT is not exercised here.
"""
import smtplib
import ssl
import sys

mode, port, ca_pem, message_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
with open(message_file, "rb") as f:
    message = f.read()

if mode == "plain":
    with smtplib.SMTP("127.0.0.1", port, local_hostname="python.example") as smtp:
        code, _ = smtp.ehlo()
        print("ehlo", code, " ".join(sorted(smtp.esmtp_features)))
        refused = smtp.sendmail("py@far.example", ["hello@example.com", "hello+py@example.com"],
                                message)
        print("refused", refused)
elif mode == "starttls":
    context = ssl.create_default_context(cafile=ca_pem)
    with smtplib.SMTP("localhost", port, local_hostname="python.example") as smtp:
        smtp.ehlo()
        code, text = smtp.starttls(context=context)
        print("starttls", code, text.decode())
        print("tls", smtp.sock.version())
        smtp.ehlo()
        print("starttls-offered-again", smtp.has_extn("starttls"))
        print("refused", smtp.sendmail("py@far.example", ["hello@example.com"], message))
elif mode == "pipelined":
    with smtplib.SMTP("127.0.0.1", port, local_hostname="python.example") as smtp:
        smtp.ehlo()
        print("pipelining", smtp.has_extn("pipelining"))
        # RFC 2920: MAIL, RCPT and DATA in one write; the replies come back in order.
        smtp.send(b"MAIL FROM:<py@far.example>\r\nRCPT TO:<nobody@example.com>\r\n"
                  b"RCPT TO:<hello@example.com>\r\nDATA\r\n")
        for _ in range(4):
            code, text = smtp.getreply()
            print("reply", code, text.decode())
        # As smtplib's data() does: dot-stuff, then end with CRLF.CRLF.
        body = smtplib.quotedata(message.decode("utf-8")).encode("utf-8")
        smtp.send(body + (b".\r\n" if body.endswith(b"\r\n") else b"\r\n.\r\n"))
        code, text = smtp.getreply()
        print("data", code, text.decode())
elif mode == "refused":
    with smtplib.SMTP("127.0.0.1", port, local_hostname="python.example") as smtp:
        try:
            smtp.sendmail("py@far.example", ["nobody@example.com", "x@elsewhere.example"], message)
        except smtplib.SMTPRecipientsRefused as e:
            for rcpt, (code, text) in sorted(e.recipients.items()):
                print("refused", rcpt, code, text.decode())
else:
    sys.exit("unknown mode " + mode)
