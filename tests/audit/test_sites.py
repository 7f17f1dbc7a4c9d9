"""Site profiles and the site network from documents and links: which site a document belongs
to, how a copy between sites is oriented, who copied whom and how long after, and a republisher
score that always comes with its evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.audit.network import site_edges, site_links
from newsdesk.audit.site_docs import SiteDoc, site_key
from newsdesk.audit.sites import REPUBLISHER_AT, site_profiles
from newsdesk.types import Link, LinkType

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def doc(
    name: str,
    at: timedelta | None,
    language: str = "fr",
    classes: frozenset[str] = frozenset(),
) -> SiteDoc:
    return SiteDoc(
        id=f"id-{name}",
        name=name,
        site=site_key(name),
        language=language,
        published=T0 + at if at is not None else None,
        classes=classes,
    )


def link(a: SiteDoc, b: SiteDoc, kind: LinkType, directed: bool = True) -> Link:
    return Link(source=a.id, target=b.id, type=kind, score=0.9, directed=directed)


def test_site_is_the_declared_publisher_else_the_host_else_the_folder() -> None:
    assert site_key("https://www.Example.COM/a/b?x=1") == "example.com"
    assert site_key("http://news.example.org:8080/p") == "news.example.org"
    assert site_key("https://www.example.com/a", "  Le  Journal ") == "Le Journal"
    assert site_key("/data/siteA/page1.html") == "/data/siteA"
    assert site_key("/data/dump.jsonl#L12") == "/data/dump.jsonl"
    assert site_key("page.html") == "page.html"
    # a malformed URL is its own site, never an exception
    assert site_key("http://[::1/broken") == "http://[::1/broken"


def test_copies_are_oriented_by_link_by_close_dates_and_by_the_site_pair() -> None:
    orig = [doc(f"https://origin.example/{i}", timedelta(days=i), "en") for i in range(4)]
    # Three translations a day later (directed links), one eight minutes later (too close
    # for the link to be directed), and one undated (oriented by the other links of the pair).
    copies = [doc(f"https://copier.example/{i}", timedelta(days=i + 1)) for i in range(3)]
    close = doc("https://copier.example/3", timedelta(days=3, minutes=8))
    undated = doc("https://copier.example/4", None)
    orig.append(doc("https://origin.example/4", timedelta(days=5), "en"))
    links = [link(o, c, LinkType.TRANSLATION_OF) for o, c in zip(orig, copies, strict=False)]
    links.append(link(orig[3], close, LinkType.TRANSLATION_OF, directed=False))
    links.append(link(undated, orig[4], LinkType.TRANSLATION_OF, directed=False))
    docs = {d.id: d for d in [*orig, *copies, close, undated]}
    oriented = site_links(links, docs)
    by_target = {x.target.name: x for x in oriented}
    assert {x.source.site for x in oriented} == {"origin.example"}
    assert by_target["https://copier.example/3"].oriented_by == "dates"
    assert by_target["https://copier.example/3"].delay == timedelta(minutes=8)
    assert by_target["https://copier.example/4"].oriented_by == "site pair"
    assert by_target["https://copier.example/4"].delay is None
    (edge,) = site_edges(oriented)
    assert (edge.source, edge.target, edge.weight, edge.oriented) == (
        "origin.example",
        "copier.example",
        5,
        True,
    )
    assert dict(edge.counts) == {"translation-of": 5}
    # Delays 1 d, 1 d, 1 d, 8 min: the median is a day; the undated copy has none.
    assert edge.median_delay == timedelta(days=1) and edge.delays == 4


def test_an_undated_translation_between_a_translator_and_an_outlet_follows_their_roles() -> None:
    # translator.example came later in both of its dated translations (of fourth.example),
    # outlet.example earlier in both of its (translated by third.example). The translator was
    # also first with French texts that two siblings then duplicated: roles are counted per kind, so
    # that does not make it an original of translations. Their one undated translation, with
    # no other link between the two sites, is oriented outlet -> translator.
    outlet = [doc(f"https://outlet.example/{i}", timedelta(days=i), "en") for i in range(3)]
    third = [doc(f"https://third.example/{i}", timedelta(days=i, hours=2)) for i in range(2)]
    fourth = [doc(f"https://fourth.example/{i}", timedelta(days=i), "en") for i in range(2)]
    tr = [doc(f"https://translator.example/{i}", timedelta(days=i, hours=5)) for i in range(2)]
    sibling = [doc(f"https://sibling.example/{i}", timedelta(days=i, hours=9)) for i in range(2)]
    late = doc("https://late.example/0", timedelta(days=3))
    undated = doc("https://translator.example/u", None)
    links = [
        *(link(o, t, LinkType.TRANSLATION_OF) for o, t in zip(outlet, third, strict=False)),
        *(link(f, t, LinkType.TRANSLATION_OF) for f, t in zip(fourth, tr, strict=True)),
        *(link(t, s, LinkType.DUPLICATE) for t, s in zip(tr, sibling, strict=True)),
        link(tr[0], late, LinkType.DUPLICATE),
        link(undated, outlet[2], LinkType.TRANSLATION_OF, directed=False),
    ]
    docs = {d.id: d for d in [*outlet, *third, *fourth, *tr, *sibling, late, undated]}
    by_target = {x.target.name: x for x in site_links(links, docs)}
    got = by_target["https://translator.example/u"]
    assert (got.source.site, got.oriented_by) == ("outlet.example", "site roles")
    # A site with no dated link of the kind has no role: its undated copy stays unoriented.
    lone = doc("https://lone.example/1", None)
    docs[lone.id] = lone
    links.append(link(lone, outlet[0], LinkType.DUPLICATE, directed=False))
    (x,) = [x for x in site_links(links, docs) if "lone" in x.target.name + x.source.name]
    assert x.oriented_by is None


def test_links_of_one_site_and_other_link_types_are_not_copies_between_sites() -> None:
    a1, a2 = doc("https://a.example/1", timedelta(0)), doc("https://a.example/2", timedelta(1))
    b1 = doc("https://b.example/1", timedelta(hours=5))
    links = [
        link(a1, a2, LinkType.DUPLICATE),  # the same site republishing itself
        link(a1, b1, LinkType.SHARES_QUOTES),  # quoting the same person is not copying
        link(a1, b1, LinkType.SAME_TEMPLATE),
    ]
    docs = {d.id: d for d in (a1, a2, b1)}
    assert site_links(links, docs) == []
    profiles = {p.site: p for p in site_profiles(docs.values(), [])}
    assert profiles["b.example"].copies == 0 and profiles["b.example"].score == 0.0


def test_an_undated_pair_with_no_other_evidence_stays_unoriented() -> None:
    a, b = doc("https://a.example/1", None), doc("https://b.example/1", None)
    oriented = site_links([link(a, b, LinkType.DUPLICATE, directed=False)], {a.id: a, b.id: b})
    assert [x.oriented_by for x in oriented] == [None]
    profiles = {p.site: p for p in site_profiles([a, b], oriented)}
    # Neither is anybody's copy: both are shown as linked, order unknown, and score nothing.
    assert profiles["a.example"].copies == profiles["b.example"].copies == 0
    assert profiles["a.example"].unordered == profiles["b.example"].unordered == 1
    assert profiles["a.example"].score == 0.0
    (edge,) = site_edges(oriented)
    assert not edge.oriented


def test_a_copy_of_a_copy_is_timed_from_the_original() -> None:
    original = doc("https://wire.example/1", timedelta(0), "en")
    first = doc("https://fast.example/1", timedelta(hours=2))
    second = doc("https://slow.example/1", timedelta(hours=30))
    links = [
        link(original, first, LinkType.TRANSLATION_OF),
        link(first, second, LinkType.DUPLICATE),  # slow copied fast's French text
    ]
    docs = {d.id: d for d in (original, first, second)}
    profiles = {p.site: p for p in site_profiles(docs.values(), site_links(links, docs))}
    slow = profiles["slow.example"]
    assert slow.copies == 1 and slow.translations == 1
    (src,) = slow.copied_from
    assert (src.site, src.documents, src.median_delay) == (
        "wire.example",
        1,
        timedelta(hours=30),
    )
    assert profiles["wire.example"].copied_by == 1 and profiles["wire.example"].copies == 0


def test_the_score_is_the_sum_of_its_signals_and_each_counts_documents() -> None:
    originals = [doc(f"https://outlet.example/{i}", timedelta(hours=i), "en") for i in range(4)]
    copies = [doc(f"https://mirror.example/{i}", timedelta(hours=i, minutes=90)) for i in range(2)]
    # mirror.example: 2 copies of 4 documents, 1 with a disclaimer, 1 with page residue.
    own = [
        doc("https://mirror.example/own-1", timedelta(days=2), classes=frozenset({"boilerplate"})),
        doc(
            "https://mirror.example/own-2",
            timedelta(days=3),
            classes=frozenset({"auto-republish-disclaimer"}),
        ),
    ]
    honest = [
        doc("https://honest.example/1", timedelta(days=1), classes=frozenset({"mt-calque"})),
        doc("https://honest.example/2", timedelta(days=1)),
    ]
    docs = {d.id: d for d in [*originals, *copies, *own, *honest]}
    links = [link(o, c, LinkType.TRANSLATION_OF) for o, c in zip(originals, copies, strict=False)]
    profiles = {p.site: p for p in site_profiles(docs.values(), site_links(links, docs))}
    mirror = profiles["mirror.example"]
    signals = {s.name: s for s in mirror.signals}
    assert signals["copies"].documents == 2 and signals["copies"].contribution == 0.5
    assert signals["disclaimer"].documents == 1 and signals["disclaimer"].contribution == 0.25
    assert signals["page-residue"].documents == 1
    assert signals["page-residue"].contribution == 0.0625
    assert mirror.score == round(sum(s.contribution for s in mirror.signals), 4) == 0.8125
    assert mirror.verdict == "republisher" and mirror.score >= REPUBLISHER_AT
    assert mirror.disclaimers == 1 and mirror.copied_from[0].median_delay == timedelta(hours=1.5)
    assert mirror.first_seen == T0 + timedelta(minutes=90)
    assert mirror.last_seen == T0 + timedelta(days=3)
    # translation residue counts for half: one document in two of an honest site
    assert profiles["honest.example"].score == 0.25
    assert profiles["honest.example"].verdict == "some signals"
    assert profiles["outlet.example"].score == 0.0
    assert profiles["outlet.example"].verdict == "no strong signal"
    # highest score first
    assert [p.site for p in site_profiles(docs.values(), site_links(links, docs))][0] == (
        "mirror.example"
    )


def test_the_score_is_capped_at_one() -> None:
    bad = frozenset({"leaked-instruction", "auto-republish-disclaimer", "mt-calque"})
    d = doc("https://spam.example/1", timedelta(0), classes=bad)
    (profile,) = site_profiles([d], [])
    assert profile.score == 1.0
    assert sum(s.contribution for s in profile.signals) == 2.5


@pytest.mark.skipif(
    "rewrite-of" not in {t.value for t in LinkType}, reason="the link stage has no rewrite-of"
)
def test_a_rewrite_of_another_sites_article_is_a_copy() -> None:
    original = doc("https://outlet.example/1", timedelta(0), "en")
    rewrite = doc("https://seo-farm.example/1", timedelta(hours=7))
    docs = {d.id: d for d in (original, rewrite)}
    links = [link(original, rewrite, LinkType("rewrite-of"))]
    profiles = {p.site: p for p in site_profiles(docs.values(), site_links(links, docs))}
    assert profiles["seo-farm.example"].copies == 1
    assert profiles["seo-farm.example"].translations == 1  # from English into French
    (edge,) = site_edges(site_links(links, docs))
    assert dict(edge.counts) == {"rewrite-of": 1}
