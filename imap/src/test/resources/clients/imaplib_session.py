"""A mail session with Python's standard imaplib, driven by ImaplibClientTest.

Usage: imaplib_session.py MODE HOST PORT CAFILE USER PASSWORD WORKDIR
MODE is "starttls" (IMAP4 then STARTTLS) or "ssl" (IMAP4_SSL). WORKDIR holds message-1.eml and
message-2.eml to append; the script writes what it fetched back as fetched-N.eml and prints one
"name: value" line per observation for the Java test to check. Any protocol error raises and
makes the exit code non-zero.
"""
import imaplib
import os
import ssl
import sys


def check(typ, data, what):
    if typ != "OK":
        raise SystemExit(f"{what} failed: {typ} {data!r}")
    return data


def literal_of(fetch_data):
    """The literal of the first FETCH response in imaplib's (envelope, literal) tuples."""
    for item in fetch_data:
        if isinstance(item, tuple):
            return item[1]
    raise SystemExit(f"no literal in {fetch_data!r}")


def main():
    mode, host, port, cafile, user, password, workdir = sys.argv[1:8]
    context = ssl.create_default_context(cafile=cafile)
    if mode == "ssl":
        imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context, timeout=30)
    else:
        imap = imaplib.IMAP4(host, int(port), timeout=30)
        check(*imap.starttls(ssl_context=context), "STARTTLS")
    print("tls:", imap.sock.version())
    check(*imap.login(user, password), "LOGIN")
    print("capabilities:", " ".join(sorted(imap.capabilities)))

    typ, data = imap.select("INBOX")
    print("select:", typ, data[0].decode())

    for n in (1, 2):
        with open(os.path.join(workdir, f"message-{n}.eml"), "rb") as f:
            message = f.read()
        flags = "(\\Flagged)" if n == 2 else None
        typ, data = imap.append("INBOX", flags, imaplib.Time2Internaldate(1741180200), message)
        check(typ, data, "APPEND")
        print(f"append-{n}:", data[0].decode())

    check(*imap.noop(), "NOOP")
    typ, data = imap.select("INBOX")
    print("exists:", data[0].decode())

    for n in (1, 2):
        data = check(*imap.fetch(str(n), "(BODY.PEEK[])"), "FETCH BODY.PEEK[]")
        with open(os.path.join(workdir, f"fetched-{n}.eml"), "wb") as f:
            f.write(literal_of(data))

    data = check(*imap.fetch("1:2", "(FLAGS RFC822.SIZE)"), "FETCH FLAGS")
    for line in data:
        print("flags:", line.decode())
    data = check(*imap.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])"), "FETCH HEADER.FIELDS")
    print("subject-header:", literal_of(data).decode().strip())
    data = check(*imap.uid("FETCH", "1:*", "(UID)"), "UID FETCH")
    print("uids:", " ".join(line.decode() for line in data))

    print("search-all:", check(*imap.search(None, "ALL"), "SEARCH")[0].decode())
    print("search-subject:", check(*imap.search(None, "SUBJECT", '"lunch"'), "SEARCH")[0].decode())
    print("search-flagged:", check(*imap.search(None, "FLAGGED"), "SEARCH")[0].decode())

    data = check(*imap.store("1", "+FLAGS", "(\\Seen $Work)"), "STORE")
    print("store:", data[0].decode())
    print("search-seen:", check(*imap.search(None, "SEEN"), "SEARCH")[0].decode())
    print("search-keyword:", check(*imap.search(None, "KEYWORD", "$Work"), "SEARCH")[0].decode())

    check(*imap.store("2", "+FLAGS.SILENT", "(\\Deleted)"), "STORE")
    data = check(*imap.expunge(), "EXPUNGE")
    print("expunged:", " ".join(x.decode() for x in data if x))
    print("search-after-expunge:", check(*imap.search(None, "ALL"), "SEARCH")[0].decode())

    check(*imap.close(), "CLOSE")
    typ, data = imap.logout()
    print("logout:", typ)


if __name__ == "__main__":
    main()
