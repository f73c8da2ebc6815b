#!/usr/bin/env python3
"""Builds the page-form fixtures of issue #11 from the seed entries (no network).

Input: the NDJSON of `./papers parse --unique demo-data/*.txt` (argument 1). Output, next to this script, for each
fixture `<form>/<name>.<ext>` the page and `<form>/<name>.expected.jsonl` the entries it must give (every Entry field
but source and id, in page order). arXiv ids, upvotes, comments, author names and dates missing from the seeds are
made up deterministically; text is whitespace-collapsed where the form re-wraps it.

Re-run: ./papers parse --unique demo-data/*.txt > /tmp/u.jsonl && python3 make_fixtures.py /tmp/u.jsonl
"""
import html
import json
import os
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
FIRST = ["Alice", "Bo", "Chen", "Dana", "Emeka", "Fatima", "Gustavo", "Hiroshi", "Ines", "Jonas", "Kavya", "Lena",
         "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomoko", "Ugo", "Valentina", "Wei", "Yusuf"]
LAST = ["Zhang", "Müller", "Okafor", "García", "Nakamura", "Rossi", "Kowalski", "Singh", "Dubois", "Haddad", "Kim",
        "Larsen", "O'Brien", "Petrov", "Silva", "Tanaka", "Novak", "Ahmed", "Jensen", "Moreau"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def collapse(s):
    return " ".join(s.split())


def card(k, seed, page_date="Mar 16"):
    """The full card of seed entry k: seed fields plus made-up arXiv id, votes, comments, names, date."""
    e = dict(seed)
    e["arxivId"] = "%02d%02d.%05d" % (20 + k % 6, k % 12 + 1, (k * 7919) % 90000 + 10000)
    e["upvotes"] = 0 if k % 7 == 0 else (k * 37) % 150 + 1
    e["comments"] = None if k % 4 == 0 else k % 4
    if e.get("organization") is None and e.get("authors") is None:
        e["authors"] = 1 + k % 9
    if e.get("publishedText") is None:
        m, d, y = MONTHS[k % 12], 1 + k % 28, 2019 + k % 7
        e["publishedText"] = "%s %d, %d" % (m, d, y)
        e["published"] = "%d-%02d-%02d" % (y, k % 12 + 1, d)
    n = e.get("authors") or (1 + k % 9)
    e["names"] = ["%s %s" % (FIRST[(k + i) % len(FIRST)], LAST[(k * 3 + i) % len(LAST)]) for i in range(n)]
    e["pageDate"] = page_date
    return e


def expected(e, **over):
    x = {"title": collapse(e["title"]), "abstract": e["abstract"], "authors": e.get("authors"),
         "organization": e.get("organization"), "publishedText": e.get("publishedText"),
         "published": e.get("published"), "upvotes": e.get("upvotes"), "pageDate": e.get("pageDate"),
         "arxivId": e.get("arxivId"), "authorNames": None, "comments": e.get("comments")}
    x.update(over)
    return x


def write(rel, text, exp):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    base = path.rsplit(".", 1)[0]
    with open(base + ".expected.jsonl", "w", encoding="utf-8") as f:
        for x in exp:
            f.write(json.dumps(x, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------- Markdown

def md_escape(s):
    s = s.replace("\\", "\\\\")
    for c in "*_[]`":
        s = s.replace(c, "\\" + c)
    return s


def md_wrap(s, width, k, hard):
    lines = textwrap.wrap(md_escape(collapse(s)), width, break_long_words=False, break_on_hyphens=False)
    out = []
    for i, l in enumerate(lines):
        if l[:1] in "-+*#>" or (l.split(" ")[0].rstrip(".").isdigit() and "." in l.split(" ")[0]):
            l = "\\" + l
        if hard and i < len(lines) - 1 and not l.endswith("\\"):
            l += "\\"
        out.append(l)
    return out


MD_HEAD = """Title: Daily Papers - Hugging Face

URL Source: https://huggingface.co/papers/date/2025-03-16

Markdown Content:
[![Image 1: Hugging Face's logo](https://huggingface.co/front/assets/huggingface_logo-noborder.svg) Hugging Face](https://huggingface.co/)

*   [Models](https://huggingface.co/models)
*   [Datasets](https://huggingface.co/datasets)
*   [Spaces](https://huggingface.co/spaces)
*   [Docs](https://huggingface.co/docs)
*   [Enterprise](https://huggingface.co/enterprise)
*   [Pricing](https://huggingface.co/pricing)
*   [Log In](https://huggingface.co/login)
*   [Sign Up](https://huggingface.co/join)

Daily Papers
============

by [AK](https://huggingface.co/akhaliq) and the research community

[Daily](https://huggingface.co/papers/date/2025-03-16) [Weekly](https://huggingface.co/papers/week/2025-W11) [Monthly](https://huggingface.co/papers/month/2025-03)

[Trending](https://huggingface.co/papers/trending)

Mar 16

[Submit](https://huggingface.co/papers/submit)

"""

MD_FOOT = """
[Previous](https://huggingface.co/papers/date/2025-03-15) [Next](https://huggingface.co/papers/date/2025-03-17)

System theme

Company

[TOS](https://huggingface.co/terms-of-service) [Privacy](https://huggingface.co/privacy) [About](https://huggingface.co/huggingface) [Jobs](https://apply.workable.com/huggingface/)

Website

[Models](https://huggingface.co/models) [Datasets](https://huggingface.co/datasets) [Spaces](https://huggingface.co/spaces) [Pricing](https://huggingface.co/pricing) [Docs](https://huggingface.co/docs)
"""


def md_card(e, k, level="###", short=False):
    url = "https://huggingface.co/papers/" + e["arxivId"]
    out = [str(e["upvotes"]) if e["upvotes"] else "-", "",
           "[![Image %d](https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png)](%s)" % (k + 2, e["arxivId"], url), ""]
    if k % 5 == 4:
        out.append("%s %s" % (level, md_escape(e["title"])))  # unlinked heading: the id comes from the thumbnail
    else:
        out.append("%s [%s](%s)" % (level, md_escape(e["title"]), url))
    out.append("")
    if short:
        out.append(md_escape(collapse(e["abstract"])[:150]) + "…")
    else:
        out += md_wrap(e["abstract"], 76 + k % 9, k, hard=k % 2 == 1)
    out.append("")
    if e.get("organization"):
        handle, _, name = e["organization"].partition(" ")
        out.append("[![%s](https://cdn-avatars.huggingface.co/v1/production/uploads/%s.png)%s](https://huggingface.co/%s)"
                   % (handle, handle, name, handle))
    else:
        for i in range(min(3, e["authors"])):
            out.append("*   ![Image](https://cdn-avatars.huggingface.co/v1/production/uploads/u%d-%d.png)" % (k, i))
        out.append("*   %d authors" % e["authors"] if k % 2 else "- %d authors" % e["authors"])
    out.append("")
    out.append("Submitted by [akhaliq](https://huggingface.co/akhaliq)")
    out.append("")
    date = e["publishedText"]
    if e["comments"] and "," in date:
        date += str(e["comments"])  # the comment count glued to the date, as page-to-markdown tools do
    out.append(date)
    out.append("")
    return out


def markdown_fixtures():
    picks = list(range(0, 45)) + list(range(60, 75))
    cards = [card(k, SEEDS[k]) for k in picks]
    for e in cards:
        if "," not in e["publishedText"]:
            e["comments"] = None
    lines, exp = [], []
    for k, e in zip(picks, cards):
        lines += md_card(e, k)
        if k % 3 == 0:
            lines += md_card(e, k, level="####", short=True)  # the mobile card of the same paper
        e2 = dict(e)
        e2["abstract"] = collapse(e["abstract"])
        exp.append(expected(e2))
    write("markdown/hf-date.md", MD_HEAD + "\n".join(lines) + MD_FOOT, exp)

    # Hostile: chrome headings and menus inside the list, mobile card first, a title-only card, CRLF, escapes,
    # an upvote box missing, a wrapped abstract line that is only a year, a yearless glued date.
    picks = list(range(100, 130))
    cards = [card(k, SEEDS[k]) for k in picks]
    lines, exp = [], []
    for i, (k, e) in enumerate(zip(picks, cards)):
        if "," not in e["publishedText"]:
            e["comments"] = None
        if i == 3:
            lines += ["## Trending", "", "### [Weekly](https://huggingface.co/papers/week/2025-W11)", "",
                      "*   [Models](https://huggingface.co/models)", "*   [Datasets](https://huggingface.co/datasets)", "",
                      "### Daily Papers", "", "Get trending papers in your email inbox!", "", "[Subscribe](https://huggingface.co/subscribe)", ""]
        if i == 7:
            lines += ["### [Monthly](https://huggingface.co/papers/month/2025-03)", "", "[Previous](https://huggingface.co/papers/date/2025-03-15)", ""]
        if i == 5:
            mobile = md_card(e, k, level="####", short=True)
            lines += mobile  # mobile card before the desktop one
        if i == 9:
            e["title"] = "[CLS] *Tokens* and snake_case: A \\ Study of Escapes"
        if i == 11:
            lines += ["### A Title Without Any Abstract", "", "- 3 authors", "", "Jan 5, 2024", ""]
        card_lines = md_card(e, k)
        if i == 13:
            card_lines = card_lines[2:]  # no upvote box
            e["upvotes"] = None
        if i == 15:
            e["publishedText"], e["published"], e["comments"] = "Feb 9", None, 3
            card_lines[-2] = "Feb 93"
        lines += card_lines
        e2 = dict(e)
        e2["abstract"] = collapse(e["abstract"])
        exp.append(expected(e2))
    text = "\r\n".join((MD_HEAD + "\n".join(lines) + MD_FOOT).split("\n"))
    write("markdown/hostile.md", text, exp)


# ---------------------------------------------------------------------------------------------- text browser

def browser_fixture(name, picks, truncate_at=None):
    ref = [20]
    refs = []

    def link(text, url):
        ref[0] += 1
        refs.append((ref[0], url))
        return "[%s][%d]" % (text, ref[0])

    out = ["[Hugging Face][1]", "", "  * [Models][2]", "  * [Datasets][3]", "  * [Spaces][4]", "  * [Docs][5]",
           "  * [Pricing][6]", "  * [Log In][7]", "  * [Sign Up][8]", "", "# Daily Papers", "",
           "   by [AK][9] and the research community", "", "   [Daily][10] [Weekly][11] [Monthly][12]", "",
           "## [Trending][13]", "", "   Mar 16", ""]
    exp = []
    for i, k in enumerate(picks):
        e = card(k, SEEDS[k])
        e["arxivId"] = None
        e["comments"] = None
        url = "https://huggingface.co/papers/%02d%02d.%05d" % (20 + k % 6, k % 12 + 1, (k * 7919) % 90000 + 10000)
        out += ["   %s" % (e["upvotes"] if e["upvotes"] else "-"), ""]
        t = link(e["title"], url)
        if len(t) > 70:
            cut = t.rfind(" ", 0, 60)
            out += ["### " + t[:cut], "### " + t[cut + 1:]]
        else:
            out.append("### " + t)
        out.append("")
        ab = textwrap.wrap(collapse(e["abstract"]), 74, break_long_words=False, break_on_hyphens=False)
        if truncate_at is not None and i == truncate_at:
            out += ["   " + l for l in ab[: max(1, len(ab) // 2)]]
            out += ["", "[Content truncated]", ""]
            break
        out += ["   " + l for l in ab]
        out.append("")
        if e.get("organization"):
            handle, _, nm = e["organization"].partition(" ")
            out.append("   " + link("[%s] %s" % (handle, nm), "https://huggingface.co/" + handle))
        else:
            out.append("   " + link("  * %d authors" % e["authors"], url))
        out += ["   · %s" % e["publishedText"], ""]
        e2 = dict(e)
        e2["abstract"] = collapse(e["abstract"])
        exp.append(expected(e2))
        if i % 6 == 2:  # the mobile card again
            out += ["   %s" % (e["upvotes"] if e["upvotes"] else "-"), "", "#### " + link(e["title"], url), "", ""]
        if i == 8:
            out += ["   [Previous][14] [Next][15]", "", "## Trending Papers", "", "  * [Models][2]", ""]
    if truncate_at is None:
        out += ["", "   [Previous][14] [Next][15]", "", "   System theme", "", "References", ""]
        out += ["  %d. https://huggingface.co/" % 1] + ["  %d. %s" % (n, u) for n, u in refs]
    write("browser/" + name, "\n".join(out) + "\n", exp)


# ---------------------------------------------------------------------------------------------- plain text + URLs

def plain_fixtures():
    # Format A blocks with the paper URL on its own line after each title.
    picks = list(range(0, 40))
    out = ["new", "", "Get trending papers in your email inbox!", "", "Subscribe", "", "Daily Papers", "",
           "byAK and the research community", "", "https://huggingface.co/papers/date/2025-03-16", "", "Mar 16", ""]
    exp = []
    for k in picks:
        s = SEEDS[k]
        e = card(k, s)
        out += [s["title"], "", "https://huggingface.co/papers/" + e["arxivId"], "", s["abstract"], ""]
        if s.get("authors") is not None:
            out += ["  • %d authors" % s["authors"], "·", s["publishedText"] + (" %d" % s["upvotes"] if s["upvotes"] else ""), ""]
        elif s.get("organization") is not None:
            out += [s["organization"], "·", s["publishedText"] + (" %d" % s["upvotes"] if s["upvotes"] else ""), ""]
        exp.append({**{f: s.get(f) for f in ["title", "abstract", "authors", "organization", "publishedText", "published", "upvotes"]},
                    "pageDate": "Mar 16", "arxivId": e["arxivId"], "authorNames": None, "comments": None})
    write("text/urls-a.txt", "\n".join(out) + "\n", exp)

    # Format B lines with the URL before each title; hostile bits: non-paper URLs, <angle> URLs, versions, queries,
    # an entry without URL, a URL in the middle of nowhere at the end.
    picks = list(range(60, 100))
    out = ["Get trending papers in your email inbox once a day!", "Get trending papers in your email inbox!"]
    exp = []
    for i, k in enumerate(picks):
        s = SEEDS[k]
        e = card(k, s)
        url = "https://huggingface.co/papers/" + e["arxivId"]
        aid = e["arxivId"]
        if i % 5 == 1:
            url = "<" + url + ">"
        if i % 5 == 2:
            url += "v2"
        if i % 5 == 3:
            url = url.replace("https://", "http://www.") + "?utm_source=x#community"
        if i == 6:
            out.append("https://huggingface.co/papers?date=2025-03-16")
            out.append("https://github.com/huggingface/transformers")
        if i == 10:
            aid = None
        else:
            out.append(url)
        first = s["title"] if i else "Subscribe" + s["title"]
        out += [first, s["abstract"]]
        exp.append({"title": s["title"], "abstract": s["abstract"], "authors": None, "organization": None,
                    "publishedText": None, "published": None, "upvotes": None, "pageDate": None, "arxivId": aid,
                    "authorNames": None, "comments": None})
    out.append("https://huggingface.co/papers/trending")
    write("text/urls-b-hostile.txt", "\n".join(out), exp)


# ---------------------------------------------------------------------------------------------- JSON and HTML

def api_item(e, k):
    published = e["published"] or ("2025-%02d-%02d" % (MONTHS.index(e["publishedText"][:3]) + 1, int(e["publishedText"].split()[1].rstrip(","))))
    item = {
        "paper": {
            "id": e["arxivId"],
            "authors": [{"_id": "a%d%d" % (k, i), "name": n, "hidden": False} for i, n in enumerate(e["names"])],
            "publishedAt": published + "T13:01:%02d.000Z" % (k % 60),
            "submittedOnDailyAt": "2025-03-16T05:12:00.000Z",
            "title": e["title"],
            "summary": e["abstract"],
            "upvotes": e["upvotes"],
            "discussionId": "67d%021x" % k,
            "ai_keywords": ["pretraining", "language models"],
        },
        "publishedAt": "2025-03-16T05:12:00.000Z",
        "title": e["title"] if k % 3 else e["title"].replace(" ", "\n  ", 1),
        "summary": e["abstract"],
        "thumbnail": "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png" % e["arxivId"],
        "numComments": e["comments"] or 0,
        "submittedBy": {"_id": "s%d" % k, "avatarUrl": "/avatars/x.svg", "fullname": "AK", "name": "akhaliq", "type": "user"},
        "isAuthorParticipating": k % 2 == 0,
    }
    if e.get("organization"):
        handle, _, name = e["organization"].partition(" ")
        item["organization"] = {"_id": "o%d" % k, "name": handle, "fullname": name, "avatar": "https://x/y.png"}
    return item


def json_expected(e, page_date):
    published = e["published"] or ("2025-%02d-%02d" % (MONTHS.index(e["publishedText"][:3]) + 1, int(e["publishedText"].split()[1].rstrip(","))))
    y, m, d = published.split("-")
    return {"title": collapse(e["title"]), "abstract": collapse(e["abstract"]), "authors": len(e["names"]),
            "organization": e.get("organization"), "publishedText": "%s %d, %s" % (MONTHS[int(m) - 1], int(d), y),
            "published": published, "upvotes": e["upvotes"], "pageDate": page_date, "arxivId": e["arxivId"],
            "authorNames": e["names"], "comments": e["comments"] or 0}


def json_fixtures():
    picks = list(range(120, 170))
    cards = [card(k, SEEDS[k]) for k in picks]
    items = [api_item(e, k) for k, e in zip(picks, cards)]
    write("json/daily_papers.json", json.dumps(items, ensure_ascii=False, indent=2) + "\n",
          [json_expected(e, None) for e in cards])
    # Hostile: minified, a non-object item, an item without title, cut short in the middle of the last item.
    picks = list(range(170, 190))
    cards = [card(k, SEEDS[k]) for k in picks]
    items = [api_item(e, k) for k, e in zip(picks, cards)]
    items.insert(4, 42)
    items.insert(9, {"paper": {"id": "2501.00001", "summary": "No title here."}, "numComments": 1})
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    last = json.dumps(items[-1], ensure_ascii=False, separators=(",", ":"))
    text = text[: text.rindex(last) + len(last) // 2]
    write("json/hostile-cut.json", text, [json_expected(e, None) for e in cards[:-1]])


HTML_HEAD = """<!doctype html>
<html class="">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0, user-scalable=no" />
<meta property="og:url" content="https://huggingface.co/papers/date/2025-03-16" />
<title>Daily Papers - Hugging Face</title>
<link rel="canonical" href="https://huggingface.co/papers/date/2025-03-16" />
<script>window.hubConfig = {"features":{"signupDisabled":false},"sshGitUrl":"git@hf.co","moonHttpUrl":"https://huggingface.co"};</script>
<style>.container{max-width:1280px}</style>
</head>
<body class="flex flex-col min-h-dvh bg-white dark:bg-gray-950 text-black DailyPapersPage">
<div class="flex min-h-dvh flex-col">
<div class="SVELTE_HYDRATER contents" data-target="SystemThemeMonitor" data-props="{&quot;isLoggedIn&quot;:false}"></div>
<div class="SVELTE_HYDRATER contents" data-target="MainHeader" data-props="{&quot;classNames&quot;:&quot;&quot;,&quot;isWide&quot;:false,&quot;isZh&quot;:false}">
<header class="border-b border-gray-100"><nav aria-label="Main">
<ul><li><a href="/models">Models</a></li><li><a href="/datasets">Datasets</a></li><li><a href="/spaces">Spaces</a></li>
<li><a href="/docs">Docs</a></li><li><a href="/pricing">Pricing</a></li><li><a href="/login">Log In</a></li><li><a href="/join">Sign Up</a></li></ul>
</nav></header></div>
<main class="flex flex-1 flex-col">
"""


def html_card(e, k):
    url = "/papers/" + e["arxivId"]
    meta = ('<a href="/%s" class="org"><img alt="%s" src="https://x/y.png"/>%s</a>' % (
        html.escape(e["organization"].partition(" ")[0]), html.escape(e["organization"].partition(" ")[0]),
        html.escape(e["organization"].partition(" ")[2]))
            if e.get("organization") else
            '<ul class="flex items-center">%s<li class="text-gray-500">%d authors</li></ul>' % (
                "".join('<li title="%s"><img alt="" src="/avatars/a.svg"/></li>' % html.escape(n) for n in e["names"][:3]),
                len(e["names"])))
    return """<article class="relative flex flex-col overflow-hidden rounded-xl border">
<a href="%s" class="shadow-alternate"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/%s.png" alt=""/></a>
<div class="flex"><div class="upvote"><svg><path d="M0"/></svg><div class="font-semibold">%s</div></div>
<div class="w-full"><h3 class="mb-1 text-lg font-semibold"><a href="%s" class="line-clamp-3">%s</a></h3>
<p class="line-clamp-2 text-sm">%s</p>
<div class="flex items-center justify-between">%s
<div class="flex"><span>%s</span></div></div></div></div>
</article>
""" % (url, e["arxivId"], e["upvotes"] if e["upvotes"] else "-", url, html.escape(e["title"]), html.escape(e["abstract"]),
       meta, html.escape(e["publishedText"]))


def html_fixtures():
    picks = list(range(190, 240))
    cards = [card(k, SEEDS[k]) for k in picks]
    items = [api_item(e, k) for k, e in zip(picks, cards)]
    props = {"dailyPapers": items, "date": "2025-03-16", "lastDate": "2025-03-14", "nextDate": None, "sort": "trending"}
    body = '<div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="%s">\n' % html.escape(
        json.dumps(props, ensure_ascii=False, separators=(",", ":")), quote=True)
    body += '<section><h1>Daily Papers</h1><p>by <a href="/akhaliq">AK</a> and the research community</p>\n'
    body += '<div><a href="/papers/date/2025-03-15">Previous</a> <a href="/papers/week/2025-W11">Weekly</a> <h2>Trending</h2></div>\n'
    body += "".join(html_card(e, k) for k, e in zip(picks, cards))
    body += "</section></div>\n</main>\n<footer><a href=\"/terms-of-service\">TOS</a></footer>\n</div>\n</body>\n</html>\n"
    write("html/papers-date.html", HTML_HEAD + body, [json_expected(e, "Mar 16") for e in cards])

    # Hostile: no data-props (an older save / a scraper that dropped attributes): the visible cards are read.
    picks = list(range(240, 270))
    cards = [card(k, SEEDS[k]) for k in picks]
    body = '<div class="SVELTE_HYDRATER contents" data-target="DailyPapers">\n'
    body += '<section><h1>Daily Papers</h1><p>by <a href="/akhaliq">AK</a> and the research community</p>\n'
    body += '<div class="tabs"><a href="/papers/date/2025-03-16">Daily</a><a href="/papers/week/2025-W11">Weekly</a><a href="/papers/month/2025-03">Monthly</a></div><h2>Trending</h2>\n'
    for i, (k, e) in enumerate(zip(picks, cards)):
        body += html_card(e, k)
        if i == 4:
            body += '<h3><a href="/papers/trending">Trending Papers</a></h3><div><a href="/models">Models</a></div>\n'
        if i % 7 == 3:  # the mobile card of the same paper
            body += html_card(e, k).replace("<article", "<article data-mobile").replace(html.escape(e["abstract"]), html.escape(e["abstract"][:120]) + "…")
    body += "</section></div>\n</main>\n<footer><a href=\"/terms-of-service\">TOS</a></footer>\n</div>\n</body>\n</html>\n"
    exp = []
    for e in cards:
        x = expected(e)
        x["abstract"] = collapse(e["abstract"])
        x["comments"] = None
        x["authors"] = None if e.get("organization") else len(e["names"])
        exp.append(x)
    write("html/hostile-no-props.html", HTML_HEAD + body, exp)


markdown_fixtures()
browser_fixture("hf-dump.txt", list(range(270, 300)))
browser_fixture("hostile-truncated.txt", list(range(300, 325)), truncate_at=18)
plain_fixtures()
json_fixtures()
html_fixtures()
