#!/usr/bin/env python3
"""Small protocol probes for verify.sh (standard library only).

Each sub-command prints what it observed on one line and exits 0 when the
expectation holds, 1 otherwise. Only 127.0.0.1 is ever contacted.

  probe.py imap-caps PORT                 pre-login CAPABILITY line
  probe.py imap-login-plaintext PORT      LOGIN alice before STARTTLS (expect NO)
  probe.py imap-starttls-login PORT CA [USER]  STARTTLS, verify cert, LOGIN (alice-pass)
  probe.py imap-tls PORT CA CMD...        LOGIN alice over implicit TLS, run CMD, print untagged
  probe.py smtp-ehlo PORT                 EHLO keywords (no TLS)
  probe.py smtp-auth PORT CA MODE         MODE tls|starttls: AUTH alice (expect 235)
  probe.py smtp-send PORT FROM TO SUBJECT plain SMTP, no AUTH
  probe.py imap-search PORT CA USER SUBJECT  count INBOX messages with SUBJECT
  probe.py sieve-caps PORT                ManageSieve greeting capabilities
  probe.py smtp-unauth-rcpt PORT CA       STARTTLS, RCPT without AUTH (expect 554)
  probe.py lmtp-lhlo SOCKET               LMTP greeting + LHLO on a unix socket
"""
import imaplib
import smtplib
import socket
import ssl
import sys
import time

HOST = "127.0.0.1"


def ctx(ca):
    c = ssl.create_default_context(cafile=ca)
    c.check_hostname = True
    return c


def imap_caps(port):
    with socket.create_connection((HOST, port), timeout=5) as s:
        f = s.makefile("rb")
        greeting = f.readline().decode(errors="replace").strip()
        s.sendall(b"a1 CAPABILITY\r\n")
        caps = ""
        while True:
            line = f.readline().decode(errors="replace").strip()
            if line.startswith("* CAPABILITY"):
                caps = line
            if line.startswith("a1 "):
                break
        s.sendall(b"a2 LOGOUT\r\n")
    print(f"{greeting} | {caps}")
    return 0


def imap_login_plaintext(port):
    m = imaplib.IMAP4(HOST, int(port), timeout=10)
    try:
        m.login("alice", "alice-pass")
    except imaplib.IMAP4.error as e:
        print(f"refused: {e}")
        return 0
    print("LOGIN before STARTTLS was accepted")
    m.logout()
    return 1


def imap_starttls_login(port, ca, user="alice"):
    m = imaplib.IMAP4(HOST, int(port), timeout=10)
    m.starttls(ssl_context=ctx(ca))
    typ, data = m.login(user, "alice-pass")
    print(typ, data[0].decode())
    m.logout()
    return 0 if typ == "OK" else 1


def imap_tls(port, ca, *cmd):
    m = imaplib.IMAP4_SSL(HOST, int(port), ssl_context=ctx(ca), timeout=10)
    m.login("alice", "alice-pass")
    if cmd:
        name = cmd[0].upper()
        typ, data = m._simple_command(name, *cmd[1:])
        untagged = []
        for key in ("QUOTAROOT", "QUOTA", "LIST", "ENABLED", "CAPABILITY"):
            if key in m.untagged_responses:
                untagged += [f"{key} " + (d.decode() if isinstance(d, bytes) else str(d))
                             for d in m.untagged_responses.pop(key)]
        print(typ, " || ".join(untagged))
    else:
        print("OK logged in")
    m.logout()
    return 0


def smtp_ehlo(port):
    s = smtplib.SMTP(HOST, int(port), timeout=10)
    code, msg = s.ehlo("probe.example.test")
    s.quit()
    print(code, " ".join(msg.decode().split("\n")[1:]))
    return 0 if code == 250 else 1


def smtp_auth(port, ca, mode):
    if mode == "tls":
        s = smtplib.SMTP_SSL(HOST, int(port), context=ctx(ca), timeout=10)
        s.ehlo("probe.example.test")
    else:
        s = smtplib.SMTP(HOST, int(port), timeout=10)
        s.ehlo("probe.example.test")
        if s.has_extn("auth"):
            print("AUTH offered before STARTTLS")
            return 1
        s.starttls(context=ctx(ca))
        s.ehlo("probe.example.test")
    code, msg = s.login("alice", "alice-pass")
    s.quit()
    print(code, msg.decode())
    return 0 if code == 235 else 1


def smtp_send(port, sender, rcpt, subject):
    body = (f"From: <{sender}>\r\nTo: <{rcpt}>\r\nSubject: {subject}\r\n"
            f"Message-ID: <{time.time_ns()}@probe.example.test>\r\n\r\nprobe\r\n")
    s = smtplib.SMTP(HOST, int(port), timeout=10)
    s.sendmail(sender, [rcpt], body)
    s.quit()
    print("sent")
    return 0


def imap_search(port, ca, user, subject, wait="10"):
    deadline = time.time() + float(wait)
    while True:
        m = imaplib.IMAP4_SSL(HOST, int(port), ssl_context=ctx(ca), timeout=10)
        m.login(user, f"{user}-pass")
        m.select("INBOX", readonly=True)
        if subject.isascii():
            typ, data = m.search(None, "SUBJECT", f'"{subject}"')
        else:  # non-ASCII: send the key as a UTF-8 literal
            m.literal = subject.encode("utf-8")
            typ, data = m.search("UTF-8", "SUBJECT")
        m.logout()
        n = len(data[0].split())
        if n or time.time() > deadline:
            print(f"{n} message(s) with subject {subject!r} in {user}'s INBOX")
            return 0 if n else 1
        time.sleep(0.2)


def sieve_caps(port):
    with socket.create_connection((HOST, port), timeout=5) as s:
        f = s.makefile("rb")
        lines = []
        while True:
            line = f.readline().decode(errors="replace").strip()
            lines.append(line)
            if line.startswith("OK") or not line:
                break
        s.sendall(b"LOGOUT\r\n")
    print(" ".join(lines))
    return 0


def smtp_unauth_rcpt(port, ca):
    s = smtplib.SMTP(HOST, int(port), timeout=10)
    s.starttls(context=ctx(ca))
    s.ehlo("probe.example.test")
    s.mail("probe@example.test")
    code, msg = s.rcpt("alice@example.test")
    s.quit()
    print(code, msg.decode())
    return 0 if code == 554 else 1


def lmtp_lhlo(path):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(path)
        f = s.makefile("rb")
        greeting = f.readline().decode(errors="replace").strip()
        s.sendall(b"LHLO probe.example.test\r\n")
        last = ""
        while True:
            line = f.readline().decode(errors="replace").strip()
            last = line
            if not line or line[3:4] == " ":
                break
        s.sendall(b"QUIT\r\n")
    print(greeting, "|", last)
    return 0 if greeting.startswith("220") and last.startswith("250") else 1


def main(argv):
    cmds = {
        "imap-caps": imap_caps,
        "imap-login-plaintext": imap_login_plaintext,
        "imap-starttls-login": imap_starttls_login,
        "imap-tls": imap_tls,
        "smtp-ehlo": smtp_ehlo,
        "smtp-auth": smtp_auth,
        "smtp-send": smtp_send,
        "imap-search": imap_search,
        "sieve-caps": sieve_caps,
        "smtp-unauth-rcpt": smtp_unauth_rcpt,
        "lmtp-lhlo": lmtp_lhlo,
    }
    if len(argv) < 2 or argv[1] not in cmds:
        print(__doc__)
        return 2
    try:
        return cmds[argv[1]](*argv[2:])
    except Exception as e:  # a probe failing is a result, not a crash
        print(f"{type(e).__name__}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
