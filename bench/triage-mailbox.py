#!/usr/bin/python3
"""The mailbox of bench/triage-load.sh: fills an IMAP account with N generated messages, then checks what a triage
run did to it. Standard library only (imaplib), plain IMAP on loopback.

  triage-mailbox.py fill  HOST PORT USER PASSWORD N     creates Newsletters and Invoices, APPENDs N messages to INBOX
  triage-mailbox.py check HOST PORT USER PASSWORD N     prints the folder counts per class; exit 1 unless as expected
  triage-mailbox.py counts N                             the expected count of each class, as shell assignments

The messages are the same for the same N (a seeded generator): 40 % from the newsletter sender (rule: move to
Newsletters), 20 % with "[invoice]" in the subject (flag \\Flagged, move to Invoices), 10 % with a List-Id header
(keyword "lists", left in INBOX), 30 % matching nothing (left alone). The classes are disjoint, so "first matching
rule decides" and "rules applied one after another" do the same. Bodies are 2–20 KiB of text, a third of them
multipart/alternative with an HTML part; headers are those of real mail (Date, Message-ID, MIME, Received, …).
"""
import imaplib
import random
import sys
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone

NEWSLETTER_SENDER = "news@newsletter.example"
INVOICE_MARK = "[invoice]"
LIST_KEYWORD = "lists"
FOLDERS = ("Newsletters", "Invoices")
SEED = 20261124

WORDS = ("the meeting agenda report quarter budget review project team update schedule customer order delivery "
         "please find attached below regarding our discussion yesterday next week thanks regards would could "
         "server release migration deadline invoice payment account service support ticket feedback design "
         "proposal draft final version change request approval summary notes minutes office travel").split()
PEOPLE = ("Alice Martin", "Bob Chen", "Carla Rossi", "David Okafor", "Eva Novak", "Farid Haddad", "Grace Kim",
          "Hugo Lambert", "Ines Duarte", "Jonas Weber")
DOMAINS = ("example.com", "example.org", "mail.example.net", "corp.example", "partner.example")


def classes(n):
    """The class of each message, in APPEND order: exact fractions, interleaved by a seeded shuffle."""
    news, invoice, lists = n * 4 // 10, n * 2 // 10, n // 10
    kinds = ["news"] * news + ["invoice"] * invoice + ["list"] * lists + ["none"] * (n - news - invoice - lists)
    random.Random(SEED).shuffle(kinds)
    return kinds


def expected(n):
    kinds = classes(n)
    return {k: kinds.count(k) for k in ("news", "invoice", "list", "none")}


def paragraph(rng, size):
    words, length = [], 0
    while length < size:
        w = rng.choice(WORDS)
        words.append(w)
        length += len(w) + 1
    text = " ".join(words)
    lines, line = [], ""
    for w in text.split(" "):
        if len(line) + len(w) + 1 > 72:
            lines.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    lines.append(line)
    return "\r\n".join(lines)


def message(i, kind, rng, now):
    date = now - timedelta(minutes=10 * i)
    person = rng.choice(PEOPLE)
    sender = f"{person} <{person.split()[0].lower()}@{rng.choice(DOMAINS)}>"
    subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))).capitalize()
    extra = []
    if kind == "news":
        sender = f"Weekly Digest <{NEWSLETTER_SENDER}>"
        subject = f"This week: {subject}"
        extra.append("List-Unsubscribe: <mailto:unsubscribe@newsletter.example>")
        extra.append("Precedence: bulk")
    elif kind == "invoice":
        subject = f"{INVOICE_MARK} Invoice #{100000 + i} for {rng.choice(WORDS)} services"
    elif kind == "list":
        listname = rng.choice(("dev", "announce", "users"))
        subject = f"[{listname}] {subject}"
        extra.append(f"List-Id: {listname.capitalize()} list <{listname}.lists.example.org>")
        extra.append(f"List-Post: <mailto:{listname}@lists.example.org>")
    elif kind == "none" and rng.random() < 0.3:
        subject = "Re: " + subject
        extra.append(f"In-Reply-To: <{i - 1}.thread@bench.example>")
    body = paragraph(rng, rng.randint(2 * 1024, 20 * 1024))
    headers = [
        f"Received: from mx.{rng.choice(DOMAINS)} (mx [192.0.2.{i % 250 + 1}]) by mail.bench.example; "
        + format_datetime(date),
        f"Date: {format_datetime(date)}",
        f"From: {sender}",
        "To: Bench User <bench@bench.example>",
        f"Subject: {subject}",
        f"Message-ID: <{i}.{kind}@bench.example>",
        "MIME-Version: 1.0",
        *extra,
    ]
    if rng.random() < 1 / 3:
        html = "<html><body><p>" + body.replace("\r\n", " ") + "</p></body></html>"
        boundary = f"=_bench_{i}"
        headers.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        content = (f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
                   f"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{boundary}--\r\n")
    else:
        headers.append("Content-Type: text/plain; charset=utf-8")
        content = body + "\r\n"
    return ("\r\n".join(headers) + "\r\n\r\n" + content).encode()


def connect(host, port, user, password):
    imap = imaplib.IMAP4(host, int(port))
    imap.login(user, password)
    return imap


def fill(host, port, user, password, n):
    imap = connect(host, port, user, password)
    for folder in FOLDERS:
        imap.create(folder)
    rng = random.Random(SEED)
    now = datetime(2026, 11, 24, 12, 0, tzinfo=timezone.utc)
    for i, kind in enumerate(classes(n)):
        # One APPEND per message (imaplib has no MULTIAPPEND); Dovecot indexes as they arrive.
        typ, data = imap.append("INBOX", None, None, message(i, kind, rng, now))
        if typ != "OK":
            sys.exit(f"APPEND {i} failed: {data}")
    imap.logout()


def search_count(imap, *criteria):
    typ, data = imap.uid("SEARCH", *criteria)
    if typ != "OK":
        sys.exit(f"SEARCH {criteria} failed: {data}")
    return len(data[0].split())


def observed(imap, folder):
    typ, data = imap.select(f'"{folder}"', readonly=True)
    if typ != "OK":
        sys.exit(f"SELECT {folder} failed: {data}")
    return {
        "all": search_count(imap, "ALL"),
        "news": search_count(imap, "FROM", f'"{NEWSLETTER_SENDER}"'),
        "invoice": search_count(imap, "SUBJECT", f'"{INVOICE_MARK}"'),
        "list": search_count(imap, "HEADER", "List-Id", '""'),
        "flagged": search_count(imap, "FLAGGED"),
        "keyword": search_count(imap, "KEYWORD", LIST_KEYWORD),
        "list_keyword": search_count(imap, "HEADER", "List-Id", '""', "KEYWORD", LIST_KEYWORD),
        "seen": search_count(imap, "SEEN"),
    }


def check(host, port, user, password, n):
    want = expected(n)
    imap = connect(host, port, user, password)
    inbox, news, invoices = observed(imap, "INBOX"), observed(imap, "Newsletters"), observed(imap, "Invoices")
    imap.logout()
    problems = []

    def need(what, got, wanted):
        if got != wanted:
            problems.append(f"{what}: {got}, expected {wanted}")

    need("INBOX messages", inbox["all"], want["list"] + want["none"])
    need("INBOX newsletters", inbox["news"], 0)
    need("INBOX invoices", inbox["invoice"], 0)
    need("INBOX with List-Id and keyword lists", inbox["list_keyword"], want["list"])
    need("INBOX with keyword lists", inbox["keyword"], want["list"])
    need("INBOX flagged", inbox["flagged"], 0)
    need("Newsletters messages", news["all"], want["news"])
    need("Newsletters from the newsletter sender", news["news"], want["news"])
    need("Newsletters flagged or with keyword", news["flagged"] + news["keyword"], 0)
    need("Invoices messages", invoices["all"], want["invoice"])
    need("Invoices with [invoice] in the subject", invoices["invoice"], want["invoice"])
    need("Invoices flagged", invoices["flagged"], want["invoice"])
    need("messages marked read", inbox["seen"] + news["seen"] + invoices["seen"], 0)
    print(f"INBOX {inbox['all']} (lists keyword {inbox['keyword']}), Newsletters {news['all']}, "
          f"Invoices {invoices['all']} (flagged {invoices['flagged']}), read {inbox['seen'] + news['seen'] + invoices['seen']}")
    if problems:
        print("not as expected: " + "; ".join(problems))
        sys.exit(1)


def main(argv):
    if len(argv) == 3 and argv[1] == "counts":
        for k, v in expected(int(argv[2])).items():
            print(f"expected_{k}={v}")
    elif len(argv) == 7 and argv[1] in ("fill", "check"):
        (fill if argv[1] == "fill" else check)(*argv[2:6], int(argv[6]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
