"""`newsdesk audit` end to end: outputs follow the documented schema, spans are exact, the
report is self-contained, --fail-on gates, and bad inputs are rejected by name."""

from __future__ import annotations

import io
import json
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsdesk.cli import app
from tests.ingest.httpserver import LocalServer

FINDING_FIELDS = {"document", "class", "severity", "start", "end", "excerpt", "detector", "message"}
LINK_FIELDS = {"source", "target", "type", "score", "directed", "evidence"}
STORY_FIELDS = {"id", "members", "title", "languages", "first_seen", "last_seen"}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _audit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def sample_audit(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("audit")
    code, output = _audit(str(samples_dir), "--out", str(out))
    assert code == 0, output
    return out


def test_findings_follow_the_schema_and_spans_are_exact(sample_audit: Path) -> None:
    findings = _jsonl(sample_audit / "findings.jsonl")
    documents = {d["document"]: d for d in _jsonl(sample_audit / "documents.jsonl")}
    assert len(documents) == 5 and findings
    for f in findings:
        assert f.keys() >= FINDING_FIELDS
        assert f["severity"] in {"info", "warning", "error"}
        assert documents[f["document"]]["text"][f["start"] : f["end"]] == f["excerpt"]
    # Documents are named by their input path.
    assert all(name.endswith(".txt") for name in documents)
    by_doc = {(Path(f["document"]).name[:3], f["class"]) for f in findings}
    assert ("000", "leaked-instruction") in by_doc
    assert ("004", "auto-republish-disclaimer") in by_doc


def test_links_and_stories(sample_audit: Path) -> None:
    links = _jsonl(sample_audit / "links.jsonl")
    stories = _jsonl(sample_audit / "stories.jsonl")
    assert all(link.keys() >= LINK_FIELDS for link in links)
    assert all(s.keys() >= STORY_FIELDS for s in stories)
    pairs = {
        (frozenset((Path(x["source"]).name[:3], Path(x["target"]).name[:3])), x["type"])
        for x in links
    }
    assert (frozenset({"000", "001"}), "shares-quotes") in pairs
    assert (frozenset({"001", "002"}), "same-template") in pairs
    groups = {frozenset(Path(m).name[:3] for m in s["members"]) for s in stories}
    assert frozenset({"000", "001", "002"}) in groups


def test_report_is_self_contained_html(sample_audit: Path) -> None:
    data = (sample_audit / "report.html").read_bytes()
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(data)
    marks = list(tree.iter("mark"))
    assert marks and all(m.get("title") for m in marks)  # explanation on hover
    assert not [e for e in tree.iter("link") if e.get("href", "").startswith("http")]
    assert not [e for e in tree.iter("script") if e.get("src")]


def test_fail_on_gates(samples_dir: Path, tmp_path: Path) -> None:
    code, output = _audit(
        str(samples_dir),
        "--out",
        str(tmp_path),
        "--fail-on",
        "model-self-talk",
        "--no-provenance",
        "--format",
        "jsonl",
    )
    assert code == 1 and "model-self-talk" in output
    code, output = _audit(str(samples_dir), "--out", str(tmp_path), "--fail-on", "no-such-class")
    assert code == 2 and "no-such-class" in output


def test_clean_jsonl_passes_the_gate(bench_data: Path, tmp_path: Path) -> None:
    # OrangeSum names the body "article"; the audit's JSONL format names it "text".
    source = (bench_data / "french-news-clean" / "articles_fr.jsonl").read_text(encoding="utf-8")
    rows = [json.loads(line) for line in source.splitlines()[:20]]
    corpus = tmp_path / "clean.jsonl"
    corpus.write_text(
        "".join(
            json.dumps(
                {"text": r["article"], "title": r["title"], "published": r["date"]},
                ensure_ascii=False,
            )
            + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )
    code, output = _audit(
        str(corpus),
        "--out",
        str(tmp_path / "out"),
        "--no-provenance",
        "--fail-on",
        "leaked-instruction,model-self-talk,injected-opinion",
    )
    assert code == 0, output
    assert len(_jsonl(tmp_path / "out" / "documents.jsonl")) == 20


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)


def test_warc_input_and_rejections(samples_dir: Path, tmp_path: Path) -> None:
    text = (samples_dir / "003_02cd2b5cfdd4c377.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    html = f"<html><head><title>Armes américaines</title></head><body><article><h1>Armes américaines</h1>{paragraphs}</article></body></html>"
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, [("https://example.org/armes", html)])
    code, output = _audit(
        str(warc), str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o"), "--no-provenance"
    )
    assert code == 0, output
    findings = _jsonl(tmp_path / "o" / "findings.jsonl")
    assert {f["document"] for f in findings} == {"https://example.org/armes"}
    assert "model-self-talk" in {f["class"] for f in findings}
    rejections = _jsonl(tmp_path / "o" / "rejections.jsonl")
    assert rejections and rejections[0]["document"].endswith("missing.jsonl")


def test_url_input(server: LocalServer, samples_dir: Path, tmp_path: Path) -> None:
    text = (samples_dir / "004_95e4f02cd0da1f73.txt").read_text(encoding="utf-8")
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    url = server.route(
        "/page.html",
        f"<html><head><title>Feu vert</title></head><body><article>{body}</article></body></html>",
    )
    code, output = _audit(url, "--out", str(tmp_path), "--no-provenance")
    assert code == 1 and "private_address" in output  # refused without the opt-in
    code, output = _audit(url, "--out", str(tmp_path), "--no-provenance", "--allow-private")
    assert code == 0, output
    assert "auto-republish-disclaimer" in {f["class"] for f in _jsonl(tmp_path / "findings.jsonl")}


def test_many_rejections_are_summarised_by_reason(samples_dir: Path, tmp_path: Path) -> None:
    """A folder of 14 unusable files and 2 missing paths: the summary counts them by reason and
    names only the first few; rejections.jsonl still names every one."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "a.txt").write_text(
        (samples_dir / "001_0899485cccc651d9.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for i in range(14):
        (crawl / f"image-{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    missing = [str(tmp_path / "gone-1.jsonl"), str(tmp_path / "gone-2.html")]
    code, output = _audit(str(crawl), *missing, "--out", str(tmp_path / "o"), "--no-provenance")
    assert code == 0, output
    assert "16 rejected inputs" in output
    assert "ingest:binary_content 14" in output and "audit:not_found 2" in output
    assert "… 6 more in" in output
    assert sum("image-" in line for line in output.splitlines()) <= 10
    assert len(_jsonl(tmp_path / "o" / "rejections.jsonl")) == 16
