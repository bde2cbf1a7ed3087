#!/usr/bin/env bash
# Demo mail for alice (French, realistic): 8 messages in INBOX (UTF-8, one
# ISO-8859-1, one with a PDF attachment, one multipart/alternative, a reply
# thread), 2 in Sent, 1 in Drafts, and a subfolder "INBOX/Conseil de classe"
# with 1 message. Appended over IMAPS (verifying ca.pem) with real
# INTERNALDATEs and flags, like a client would.
#
# Runs once per ROOTDIR (marker file ROOTDIR/.demo-seeded); --force re-runs
# it (messages are then appended a second time).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

MARKER=$ROOTDIR/.demo-seeded
if [[ ${1:-} != --force && -e $MARKER ]]; then
  echo "demo data already seeded in $ROOTDIR (rm $MARKER or pass --force to seed again)"
  exit 0
fi
port_listening "$STACK_IMAPS_PORT" || die "IMAPS :$STACK_IMAPS_PORT is not listening: run start.sh first"

STACK_CA="$STACK_CA" STACK_IMAPS_PORT="$STACK_IMAPS_PORT" "$(python_bin)" - <<'PY'
import imaplib
import os
import ssl
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime, formataddr

try:
    from zoneinfo import ZoneInfo
    PARIS = ZoneInfo("Europe/Paris")
except Exception:  # no tzdata: a fixed offset is good enough for demo data
    PARIS = timezone(timedelta(hours=1))

NOW = datetime.now(PARIS).replace(second=0, microsecond=0)


def addr(name, email):
    """Display name + address; non-ASCII names become RFC 2047 encoded-words
    (raw 8-bit headers would need SMTPUTF8)."""
    return formataddr((name, email), charset="utf-8")


ALICE = addr("Alice Martin", "alice@example.test")


def when(days, hour, minute=0):
    """DAYS ago at HOUR:MINUTE Paris time, never in the future."""
    t = (NOW - timedelta(days=days)).replace(hour=hour, minute=minute)
    return min(t, NOW - timedelta(minutes=days + 1))


def msg(headers, body, charset="utf-8"):
    """Raw RFC 5322 message with CRLF line ends; body encoded with CHARSET."""
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    if isinstance(body, str):
        body = body.replace("\r\n", "\n").replace("\n", "\r\n").encode(charset)
    return head.encode("ascii") + b"\r\n" + body


def std(frm, to, subject, date, mid, extra=()):
    if not subject.isascii():  # RFC 2047, as a mail client would write it
        subject = Header(subject, "utf-8").encode()
    return [("From", frm), ("To", to), ("Subject", subject),
            ("Date", format_datetime(date)), ("Message-ID", f"<{mid}@demo.example.test>"),
            ("MIME-Version", "1.0"), *extra]


def qp_utf8_text(text):
    import quopri
    return quopri.encodestring(text.replace("\n", "\r\n").encode("utf-8"))


# A valid one-page PDF (tiny, hand-written) for the attachment.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
       b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
       b"4 0 obj<</Length 62>>stream\nBT /F1 18 Tf 72 770 Td (Emploi du temps - semaine B) Tj ET\n"
       b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")

import base64
pdf_b64 = base64.encodebytes(PDF).decode("ascii").replace("\n", "\r\n")

inbox = []

# 1. UTF-8, quoted-printable, unread.
inbox.append((msg(std(addr("Direction du lycée", "direction@lycee-exemple.fr"), ALICE,
                     "=?UTF-8?Q?R=C3=A9union_de_rentr=C3=A9e_=E2=80=94_ordre_du_jour?=",
                     when(9, 8, 12), "rentree-odj",
                     [("Content-Type", "text/plain; charset=utf-8"),
                      ("Content-Transfer-Encoding", "quoted-printable")]),
                 qp_utf8_text(
                     "Bonjour à toutes et à tous,\n\n"
                     "La réunion de rentrée aura lieu lundi à 17 h 30 en salle polyvalente.\n\n"
                     "Ordre du jour :\n"
                     "  1. Bilan des effectifs et des emplois du temps\n"
                     "  2. Projet d'établissement 2025-2028\n"
                     "  3. Sécurité : exercice d'évacuation du trimestre\n"
                     "  4. Questions diverses\n\n"
                     "Merci de confirmer votre présence avant vendredi.\n\n"
                     "Bien cordialement,\n"
                     "Françoise Garnier\nProviseure\n")), (), when(9, 8, 12)))

# 2. ISO-8859-1, 8bit body, encoded-word subject, read.
inbox.append((msg(std('=?ISO-8859-1?Q?G=E9rard_Lef=E8vre?= <gerard.lefevre@mairie-exemple.fr>', ALICE,
                     "=?ISO-8859-1?Q?Sortie_p=E9dagogique_au_mus=E9e_des_Beaux-Arts?=",
                     when(7, 14, 3), "sortie-musee",
                     [("Content-Type", "text/plain; charset=ISO-8859-1"),
                      ("Content-Transfer-Encoding", "8bit")]),
                 "Madame Martin,\n\n"
                 "Suite à votre demande, le musée pourra accueillir vos deux classes de "
                 "cinquième le jeudi 14 à 9 h 30. La visite guidée « Couleurs et lumière » "
                 "dure environ une heure et quart.\n\n"
                 "Le transport en car est pris en charge par la mairie ; pensez à nous "
                 "transmettre la liste des élèves et des accompagnateurs une semaine avant.\n\n"
                 "Très cordialement,\n"
                 "Gérard Lefèvre\nService éducation - Mairie\n",
                 charset="iso-8859-1"), (r"\Seen",), when(7, 14, 3)))

# 3. multipart/mixed with a PDF attachment (RFC 2231 file name with accents).
boundary = "=_cartable_demo_mixed_1"
inbox.append((msg(std(addr("Paul Girard", "paul.girard@lycee-exemple.fr"), ALICE,
                     "=?UTF-8?Q?Emploi_du_temps_modifi=C3=A9_=28semaine_B=29?=",
                     when(5, 10, 47), "edt-semaine-b",
                     [("Content-Type", f'multipart/mixed; boundary="{boundary}"')]),
                 f"--{boundary}\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: 8bit\r\n\r\n"
                 "Bonjour Alice,\n\n"
                 "Voici l'emploi du temps révisé pour la semaine B : le cours de 2nde B "
                 "passe du mardi 10 h au jeudi 14 h, salle 101.\n\n"
                 "Bonne journée,\nPaul\n\n"
                 f"--{boundary}\r\n"
                 'Content-Type: application/pdf; name="=?UTF-8?Q?emploi_du_temps_r=C3=A9vis=C3=A9.pdf?="\r\n'
                 "Content-Transfer-Encoding: base64\r\n"
                 "Content-Disposition: attachment;\r\n"
                 " filename*=UTF-8''emploi_du_temps_r%C3%A9vis%C3%A9.pdf\r\n\r\n"
                 f"{pdf_b64}\r\n"
                 f"--{boundary}--\r\n"), (r"\Seen",), when(5, 10, 47)))

# 4. multipart/alternative (text + HTML), newsletter, unread.
alt = "=_cartable_demo_alt_1"
inbox.append((msg(std(addr("Académie — Lettre d'information", "lettre@ac-exemple.fr"), ALICE,
                     "=?UTF-8?Q?Lettre_d=27information_de_l=27acad=C3=A9mie_=E2=80=94_novembre?=",
                     when(4, 7, 0), "lettre-novembre",
                     [("Content-Type", f'multipart/alternative; boundary="{alt}"'),
                      ("List-Id", "Lettre de l'academie <lettre.ac-exemple.fr>"),
                      ("List-Unsubscribe", "<mailto:desinscription@ac-exemple.fr>")]),
                 f"--{alt}\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: 8bit\r\n\r\n"
                 "LETTRE D'INFORMATION — NOVEMBRE\n\n"
                 "* Plan académique de formation : inscriptions ouvertes jusqu'au 30.\n"
                 "* Semaine de l'éducation aux médias : ressources en ligne.\n"
                 "* Rappel : les bulletins du 1er trimestre sont à saisir avant le 12 décembre.\n\n"
                 f"--{alt}\r\n"
                 "Content-Type: text/html; charset=utf-8\r\n"
                 "Content-Transfer-Encoding: 8bit\r\n\r\n"
                 "<!DOCTYPE html><html lang=\"fr\"><body style=\"font-family:sans-serif\">"
                 "<h1 style=\"color:#000091\">Lettre d'information — novembre</h1><ul>"
                 "<li><b>Plan académique de formation</b> : inscriptions ouvertes jusqu'au 30.</li>"
                 "<li>Semaine de l'éducation aux médias : <a href=\"https://www.example.org/medias\">"
                 "ressources en ligne</a>.</li>"
                 "<li>Rappel : les bulletins du 1<sup>er</sup> trimestre sont à saisir avant le "
                 "<em>12 décembre</em>.</li></ul></body></html>\r\n"
                 f"--{alt}--\r\n"), (), when(4, 7, 0)))

# 5. From a colleague inside the stack, flagged.
inbox.append((msg(std(addr("Bob Durand", "bob@example.test"), ALICE,
                     "Remplacement jeudi matin",
                     when(3, 18, 20), "remplacement-jeudi",
                     [("Content-Type", "text/plain; charset=utf-8"),
                      ("Content-Transfer-Encoding", "8bit")]),
                 "Salut Alice,\n\n"
                 "Je suis en formation jeudi matin : pourrais-tu prendre ma 1re STMG "
                 "de 8 h à 10 h ? Le cours est prêt (chapitre 4, exercices p. 112), "
                 "tout est dans le casier.\n\nMerci d'avance !\nBob\n"),
              (r"\Seen", r"\Flagged"), when(3, 18, 20)))

# 6. Reply in a thread started by alice (see Sent), unread.
inbox.append((msg(std(addr("Carol Lefèvre", "carol@example.test"), ALICE,
                     "Re: Projet Erasmus+ : mobilité en Espagne",
                     when(2, 9, 31), "erasmus-re-1",
                     [("In-Reply-To", "<erasmus-1@demo.example.test>"),
                      ("References", "<erasmus-1@demo.example.test>"),
                      ("Content-Type", "text/plain; charset=utf-8"),
                      ("Content-Transfer-Encoding", "8bit")]),
                 "Bonjour Alice,\n\n"
                 "Bonne nouvelle : le lycée de Salamanque confirme l'accueil de 24 élèves "
                 "du 10 au 17 mars. Il reste à finaliser le budget et les autorisations "
                 "parentales.\n\n"
                 "> Où en est la réponse de l'établissement partenaire ?\n\n"
                 "Carol\n"), (), when(2, 9, 31)))

# 7. Administrative, unread, with an accented display name as encoded-word.
inbox.append((msg(std("=?UTF-8?Q?Secr=C3=A9tariat_p=C3=A9dagogique?= <secretariat@lycee-exemple.fr>", ALICE,
                     "Inscriptions aux formations (PAF) : date limite",
                     when(1, 16, 5), "paf-date-limite",
                     [("Content-Type", "text/plain; charset=utf-8"),
                      ("Content-Transfer-Encoding", "8bit")]),
                 "Madame, Monsieur,\n\n"
                 "Les inscriptions individuelles au plan académique de formation se font "
                 "jusqu'au 30 du mois. Les stages à public désigné ne nécessitent aucune "
                 "démarche.\n\nLe secrétariat pédagogique\n"), (), when(1, 16, 5)))

# 8. Today, from a parent, unread.
inbox.append((msg(std(addr("Nathalie Benoît", "n.benoit@example.org"), ALICE,
                     "=?UTF-8?Q?Absence_de_L=C3=A9o_=28classe_de_2nde_B=29?=",
                     when(0, 7, 42), "absence-leo",
                     [("Content-Type", "text/plain; charset=utf-8"),
                      ("Content-Transfer-Encoding", "8bit")]),
                 "Bonjour Madame,\n\n"
                 "Léo est souffrant et ne pourra pas venir en cours aujourd'hui ni demain. "
                 "Pourriez-vous me dire quels exercices il devra rattraper ?\n\n"
                 "Avec mes remerciements,\nNathalie Benoît\n"), (), when(0, 7, 42)))

sent = [
    (msg(std(ALICE, addr("Carol Lefèvre", "carol@example.test"),
             "Projet Erasmus+ : mobilité en Espagne", when(3, 11, 2), "erasmus-1",
             [("Content-Type", "text/plain; charset=utf-8"),
              ("Content-Transfer-Encoding", "8bit")]),
         "Bonjour Carol,\n\n"
         "Où en est la réponse de l'établissement partenaire ? Il faudrait déposer "
         "le dossier avant la fin du mois.\n\nÀ bientôt,\nAlice\n"),
     (r"\Seen",), when(3, 11, 2)),
    (msg(std(ALICE, addr("Parents de 2nde B", "parents-2b@example.org"),
             "=?UTF-8?Q?Compte_rendu_de_la_r=C3=A9union_parents-professeurs?=",
             when(6, 20, 15), "cr-reunion-parents",
             [("Content-Type", "text/plain; charset=utf-8"),
              ("Content-Transfer-Encoding", "8bit")]),
         "Madame, Monsieur,\n\n"
         "Vous trouverez ci-dessous le compte rendu de la réunion du 12 : calendrier "
         "des évaluations, sortie au musée, projet Erasmus+.\n\n"
         "Cordialement,\nAlice Martin, professeure principale\n"),
     (r"\Seen",), when(6, 20, 15)),
]

drafts = [
    (msg(std(ALICE, addr("Équipe pédagogique 2nde B", "equipe-2b@lycee-exemple.fr"),
             "Convocation : conseil de classe de 2nde B",
             when(0, 8, 5), "brouillon-convocation",
             [("Content-Type", "text/plain; charset=utf-8"),
              ("Content-Transfer-Encoding", "8bit")]),
         "Chers collègues,\n\nLe conseil de classe de 2nde B se tiendra le …\n"),
     (r"\Seen", r"\Draft"), when(0, 8, 5)),
]

conseil = [
    (msg(std(addr("Direction du lycée", "direction@lycee-exemple.fr"), ALICE,
             "Calendrier des conseils de classe du 1er trimestre",
             when(12, 9, 0), "calendrier-conseils",
             [("Content-Type", "text/plain; charset=utf-8"),
              ("Content-Transfer-Encoding", "8bit")]),
         "Bonjour,\n\nLes conseils de classe du premier trimestre auront lieu du 2 au "
         "13 décembre. Les appréciations doivent être saisies 48 h avant chaque conseil.\n\n"
         "La direction\n"),
     (r"\Seen",), when(12, 9, 0)),
]

ctx = ssl.create_default_context(cafile=os.environ["STACK_CA"])
imap = imaplib.IMAP4_SSL("127.0.0.1", int(os.environ["STACK_IMAPS_PORT"]), ssl_context=ctx)
imap.login("alice", "alice-pass")

FOLDER = '"INBOX/Conseil de classe"'
typ, _ = imap.create(FOLDER)  # NO when it already exists: fine
imap.subscribe(FOLDER)


def append(box, items):
    for raw, flags, date in items:
        typ, data = imap.append(box, "(" + " ".join(flags) + ")" if flags else None,
                                imaplib.Time2Internaldate(date), raw)
        if typ != "OK":
            raise SystemExit(f"APPEND to {box} failed: {data}")


append("INBOX", inbox)
append("Sent", sent)
append("Drafts", drafts)
append(FOLDER, conseil)

counts = []
for box in ("INBOX", "Sent", "Drafts", FOLDER):
    typ, data = imap.status(box, "(MESSAGES UNSEEN)")
    counts.append(data[0].decode())
imap.logout()
print("seeded alice:", "; ".join(counts))
PY

date -u +%FT%TZ >"$MARKER"
