"""A person's likely gender from a given name or an honorific, so "she said" skips "Mr. Kemp".

Only used to choose between candidates for "he"/"she"; unknown stays unknown (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.models import PersonMention

_FEMALE = """
Abigail Ada Adele Agnes Aisha Alice Alison Amal Amanda Amelia Amy Ana Angela Angelina Anja
Ann Anna Anne Annalena Antonia Aryna Ayse Ayşe Barbara Beatriz Beth Bridget Camille Carla
Carmen Caroline Catherine Charlotte Chloe Christine Claire Claudia Cristina Daphne Diana
Dilma Doris Elena Eleni Elif Elisabeth Elizabeth Ella Ellen Elsa Emily Emma Esther Eva Fatima
Fiona Frances Gabriela Giorgia Grace Hanna Hannah Heather Helen Helena Hillary Ingrid Irene
Isabel Isabella Jacinda Jane Janet Jennifer Jessica Jill Joan Joanna Josephine Judith Julia
Julie Juliette Kamala Karen Karin Kate Katherine Kathleen Katie Kristalina Laura Lauren Leila
Linda Lisa Lucy Maria Marie Marine Margaret Margot Maria Marta Martha Mary Maya Megan Melania
Mette Michelle Mia Monica Nadia Nancy Naomi Natalia Natalie Nicola Nina Nora Olga Olena
Ornella Pamela Patricia Paula Priya Rachel Rebecca Rosa Ruth Sally Samantha Sandra Sara Sarah
Sanna Sophie Stephanie Susan Suzanne Svitlana Tatiana Tatjana Teresa Theresa Ursula Valentina
Valerie Vanessa Victoria Viktoria Yulia Zeynep Zainab Sanae Yuriko Jacki Siri
"""

_MALE = """
Abdullah Adam Ahmed Alan Alastair Albert Alexander Alexei Ali Andrew Andrzej Angus Anthony
Antonio Arthur Ashraf Bashar Benjamin Bernard Boris Brandon Brett Brian Bryan Carl Carlos
Charles Christopher Daniel David Dmitry Donald Edward Emmanuel Eric Erling Faisal Frank
Friedrich Gareth George Gerhard Greg Gregory Hakan Hans Harry Hassan Henry Hossein Hugo Ibrahim
Igor Ivan Jack Jacob Jagmeet James Jan Javier Jean Jeffrey Jens Jerome Jerry Joe John Jonathan
Jorge Jose José Joseph Juan Justin Kai Karl Keir Kevin Khalid Lars Leon Lewis Luca Luis Magnus
Majed Marco Mark Martin Matthew Max Michael Mike Mohamed Mohammad Mohammed Muhammad Narendra
Nicolas Ollie Olaf Oleh Oliver Omar Oscar Patrick Paul Pedro Peter Pierre Rafael Ravi Recep
Richard Robert Roger Ryan Salman Sam Samuel Scott Sebastian Sergei Sergey Simon Stefan Stephen
Steve Steven Thomas Tim Timothy Tom Tony Unai Viktor Vladimir Volodymyr Walt Walter Will William
Xavier Yoav Yusuf
"""

FEMALE: frozenset[str] = frozenset(_FEMALE.split())
MALE: frozenset[str] = frozenset(_MALE.split())
#: Given names ending in -a that are men's, or either ("Nikita", "Andrea"): not read as women's.
_EITHER_IN_A = """
Nikita Ilya Luca Joshua Mustafa Musa Isa Hamza Yahya Kostya Misha Jonah Ezra Attila Akira Kuba
Sacha Andrea Nicola Sasha
"""
_MALE_IN_A = frozenset(_EITHER_IN_A.split())

HONORIFIC_RE = re.compile(
    r"\b(?P<title>Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|King|Queen|Prince|Princess|Madam)[._]?\s+$"
)
_FEMALE_TITLES = frozenset({"Mrs", "Ms", "Miss", "Dame", "Lady", "Queen", "Princess", "Madam"})


def name_gender(canonical: str) -> str | None:
    """ "f", "m" or None from the given name (the first word of the canonical name)."""
    words = canonical.split()
    if len(words) < 2:
        return None  # a lone surname says nothing
    first = words[0]
    if first in FEMALE:
        return "f"
    if first in MALE:
        return "m"
    if (
        first not in _MALE_IN_A
        and len(first) > 3
        and first.endswith(("a", "ia"))
        and first[0].isupper()
    ):
        return "f"  # Anna, Olga, Svetlana: a common enough pattern across languages
    return None


def genders(body: str, people: Sequence[PersonMention]) -> dict[str, str]:
    """Each canonical name's gender where an honorific or the given name tells it."""
    out: dict[str, str] = {}
    for p in people:
        title = HONORIFIC_RE.search(body, max(0, p.start - 12), p.start)
        if title:
            out.setdefault(p.canonical, "f" if title.group("title") in _FEMALE_TITLES else "m")
    tried = set(out)  # name_gender once per canonical name, not once per mention
    for p in people:
        if p.canonical not in tried:
            tried.add(p.canonical)
            g = name_gender(p.canonical)
            if g:
                out[p.canonical] = g
    return out
