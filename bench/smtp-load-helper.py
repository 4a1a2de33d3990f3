#!/usr/bin/env python3
"""Helpers of bench/smtp-load.sh (BENCHMARKS.md, "SMTP delivery"; ADRs 0118-0119).

  messages DIR                       writes DIR/10k.eml and DIR/100k.eml (LF line ends;
                                     smtp-source -F sends them with CRLF and dot-stuffing)
  seed HOST PORT PASSWORD USER...    IMAP: LOGIN, APPEND one letter, LOGOUT, per user (creates
                                     Dovecot's mail_crypt user and folder keys under the password)
  hold HOST PORT PASSWORD USER...    IMAP: LOGIN, SELECT INBOX, IDLE, one connection per user,
                                     prints "ready" and holds them (reading and dropping every
                                     untagged EXISTS) until stdin closes
"""
import base64
import imaplib
import random
import socket
import sys
import threading
import time

LICENCES = ["/usr/share/common-licenses/GPL-3", "/usr/share/common-licenses/Apache-2.0",
            "/usr/share/common-licenses/GPL-2", "/usr/share/common-licenses/MPL-2.0"]


def english(size):
    """Real English prose (Debian's licence texts), cut at a line end near size bytes."""
    text = "".join(open(p, encoding="utf-8").read() for p in LICENCES)
    out, total = [], 0
    for line in text.splitlines():
        line = line.rstrip()[:76]
        if total + len(line) + 1 > size:
            break
        out.append(line)
        total += len(line) + 1
    return "\n".join(out) + "\n"


HEADERS = ("From: Load Sender <sender@load.example>\n"
           "To: <rcpt@bench.test>\n"
           "Subject: smtp delivery benchmark\n"
           "Date: Mon, 23 Nov 2026 01:00:00 +0000\n"
           "Message-ID: <smtp-load@load.example>\n"
           "MIME-Version: 1.0\n")


def messages(directory):
    # 10 KB: one text/plain part of English prose (compresses like real text, ~0.4)
    with open(f"{directory}/10k.eml", "w") as f:
        f.write(HEADERS + "Content-Type: text/plain; charset=us-ascii\n\n" + english(10000))
    # 100 KB: 40 KB of prose and a 60 KB base64 attachment of random bytes; every leaf stays
    # under the vault's 64 KiB blob threshold, so the identical bodies smtp-source repeats are
    # not de-duplicated (each delivery stores its bytes, as distinct real mail would)
    rnd = random.Random(4).randbytes(44000)
    b64 = base64.encodebytes(rnd).decode()
    body = ("--b\nContent-Type: text/plain; charset=us-ascii\n\n" + english(40000)
            + "--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
            + "Content-Disposition: attachment; filename=data.bin\n\n" + b64 + "--b--\n")
    with open(f"{directory}/100k.eml", "w") as f:
        f.write(HEADERS + 'Content-Type: multipart/mixed; boundary="b"\n\n' + body)


def seed(host, port, password, users):
    letter = (HEADERS + "Content-Type: text/plain\n\nseed\n").replace("\n", "\r\n").encode()
    for user in users:
        imap = imaplib.IMAP4(host, int(port))
        imap.login(user, password)
        imap.append("INBOX", None, None, letter)
        imap.logout()


def hold(host, port, password, users):
    sockets = []
    for user in users:
        imap = imaplib.IMAP4(host, int(port))
        imap.login(user, password)
        imap.select("INBOX")
        sock = imap.socket()
        sock.sendall(b"i1 IDLE\r\n")
        sockets.append(sock)

    def drain(sock):
        try:
            while sock.recv(65536):
                pass
        except OSError:
            pass

    for sock in sockets:
        threading.Thread(target=drain, args=(sock,), daemon=True).start()
    time.sleep(0.5)
    print("ready", flush=True)
    sys.stdin.read()
    for sock in sockets:
        try:
            sock.sendall(b"DONE\r\ni2 LOGOUT\r\n")
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "messages":
        messages(*args)
    elif command == "seed":
        seed(args[0], args[1], args[2], args[3:])
    elif command == "hold":
        hold(args[0], args[1], args[2], args[3:])
    else:
        sys.exit(f"unknown command {command}")
