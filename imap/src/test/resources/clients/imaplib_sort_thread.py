"""SORT and THREAD with Python's standard imaplib, driven by ImaplibSortThreadTest.

Usage: imaplib_sort_thread.py HOST PORT CAFILE USER PASSWORD
Appends five letters over STARTTLS, then asks for them sorted (RFC 5256, RFC 5957) and threaded
(RFC 5256 REFERENCES and ORDEREDSUBJECT), printing one "name: value" line per answer. Any protocol
error raises and makes the exit code non-zero.
"""
import imaplib
import ssl
import sys

LETTERS = [
    # From, To, Subject, Date, Message-ID, extra headers
    ('"Zed" <carol@x.test>', "bob@x.test", "Plans", "Sat, 3 Feb 2024 10:00:00 +0000",
     "<a@x.test>", ""),
    ("alice@x.test", '"Ann" <dave@x.test>', "Re: plans", "Sun, 4 Feb 2024 10:00:00 +0000",
     "<b@x.test>", "References: <a@x.test>\r\n"),
    ("bob@x.test", "carol@x.test", "[list] Budget", "Thu, 1 Feb 2024 10:00:00 +0000",
     "<c@x.test>", ""),
    ("dave@x.test", "alice@x.test", "Fwd: Re: plans", "Mon, 5 Feb 2024 10:00:00 +0000",
     "<d@x.test>", "In-Reply-To: <b@x.test>\r\n"),
    ("erin@x.test", "bob@x.test", "budget (fwd)", "Fri, 2 Feb 2024 10:00:00 +0000",
     "<e@x.test>", ""),
]


def check(typ, data, what):
    if typ != "OK":
        raise SystemExit(f"{what} failed: {typ} {data!r}")
    return data


def text(data):
    return " ".join(x.decode() for x in data if x)


def main():
    host, port, cafile, user, password = sys.argv[1:6]
    imap = imaplib.IMAP4(host, int(port), timeout=30)
    check(*imap.starttls(ssl_context=ssl.create_default_context(cafile=cafile)), "STARTTLS")
    check(*imap.login(user, password), "LOGIN")
    print("capabilities:", " ".join(sorted(imap.capabilities)))
    for i, (sender, to, subject, date, mid, extra) in enumerate(LETTERS):
        letter = (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
                  f"Message-ID: {mid}\r\n{extra}\r\n" + "body " + "x" * (100 * i) + "\r\n")
        check(*imap.append("INBOX", None, imaplib.Time2Internaldate(1704110400 + 86400 * i),
                           letter.encode()), "APPEND")
    check(*imap.select("INBOX"), "SELECT")
    print("sort-subject:", text(check(*imap.sort("(SUBJECT)", "UTF-8", "ALL"), "SORT")))
    print("sort-date:", text(check(*imap.sort("(DATE)", "US-ASCII", "ALL"), "SORT")))
    print("sort-reverse-arrival:",
          text(check(*imap.sort("(REVERSE ARRIVAL)", "UTF-8", "ALL"), "SORT")))
    print("sort-from:", text(check(*imap.sort("(FROM)", "UTF-8", "ALL"), "SORT")))
    print("sort-displayto:", text(check(*imap.sort("(DISPLAYTO)", "UTF-8", "ALL"), "SORT")))
    print("uid-sort-size:",
          text(check(*imap.uid("SORT", "(REVERSE SIZE)", "UTF-8", "NOT", "1"), "UID SORT")))
    print("thread-references:",
          text(check(*imap.thread("REFERENCES", "UTF-8", "ALL"), "THREAD")))
    print("thread-orderedsubject:",
          text(check(*imap.thread("ORDEREDSUBJECT", "UTF-8", "ALL"), "THREAD")))
    print("uid-thread:",
          text(check(*imap.uid("THREAD", "REFERENCES", "UTF-8", "SUBJECT", "budget"),
                     "UID THREAD")))
    try:
        imap.sort("(FROZZLE)", "UTF-8", "ALL")
        print("bad-key: accepted")
    except imaplib.IMAP4.error as e:
        print("bad-key:", str(e).split(":", 1)[0])
    print("logout:", imap.logout()[0])


main()
