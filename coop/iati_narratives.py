"""Texts from IATI narratives: which language goes where, tidied and shortened."""

from __future__ import annotations

from coop.iati_log import Issue

MAX_DESCRIPTION = 1000

Narratives = list[tuple[str, str]]  # (two-letter language, text as written)


def clean_text(text: str | None) -> str:
    """Runs of spaces and line breaks as one space, none at the ends."""
    if not text:
        return ""
    # every whitespace character but the plain space is unprintable: a printable text
    # without double or outer spaces is clean already (and most are)
    if text.isprintable() and "  " not in text and text[0] != " " and text[-1] != " ":
        return text
    return " ".join(text.split())


def pick_text(narratives: Narratives, lang: str) -> str:
    """The activity's own language first, then English, Spanish, any other; a Spanish
    activity's English text comes first too, its Spanish one going to ``*_es``."""
    if len(narratives) == 1:  # whatever its language, the only one is picked
        return clean_text(narratives[0][1])
    for wanted in ((lang, "en", "es") if lang != "es" else ("en", "es")):
        for got, text in narratives:
            if got == wanted:
                return clean_text(text)
    return clean_text(narratives[0][1]) if narratives else ""


def spanish_text(narratives: Narratives) -> str:
    """The first Spanish narrative, or empty."""
    return clean_text(next((text for got, text in narratives if got == "es"), ""))


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """At most ``limit`` characters, cut at a space, with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def narratives_to_texts(titles: Narratives, descriptions: list[tuple[str, str, str]],
                        lang: str, identifier: str) -> tuple[dict[str, str], list[Issue]]:
    """``title``, ``title_es``, ``description``, ``description_es`` of an activity.

    ``descriptions`` are ``(type, language, text)``: the general ones (type 1) are
    used, else all. No title: the identifier stands for it (an issue).
    """
    title_es = spanish_text(titles)
    general = [(got, text) for kind, got, text in descriptions if kind == "1"] or [
        (got, text) for _kind, got, text in descriptions]
    texts = {"title_es": title_es, "title": pick_text(titles, lang) or title_es or identifier,
             "description": shorten(pick_text(general, lang)),
             "description_es": shorten(spanish_text(general))}
    issues = [] if titles else [("no title", "the iati-identifier stands for the title")]
    return texts, issues
