"""Read rendered pages in tests: a small tree over the standard library's HTML parser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

BLOCK = {"p", "div", "li", "dt", "dd", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "section"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def text(self) -> str:
        """Text with whitespace collapsed, as a reader would take it: <br> and block boundaries read as a space."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag == "br":
                    parts.append(" ")
                elif child.tag in BLOCK:
                    parts.append(" ")
                    walk(child)
                    parts.append(" ")
                else:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def find_all(self, *, tag: str | None = None, cls: str | None = None) -> list[Node]:
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                    found.append(child)
                found.extend(child.find_all(tag=tag, cls=cls))
        return found

    def by_id(self, element_id: str) -> Node:
        for node in self.find_all():
            if node.attrs.get("id") == element_id:
                return node
        raise AssertionError(f"No element with id {element_id!r}")

    def texts(self, cls: str) -> list[str]:
        return [node.text() for node in self.find_all(cls=cls)]

    def links(self) -> list[tuple[str, str]]:
        return [(a.text(), a.attrs.get("href", "")) for a in self.find_all(tag="a")]

    def definitions(self) -> dict[str, str]:
        """Every <dt> of the <dl> lists inside this node, mapped to the text of its <dd>."""
        pairs: dict[str, str] = {}
        for dl in self.find_all(tag="dl"):
            term = None
            for child in dl.children:
                if isinstance(child, Node) and child.tag == "dt":
                    term = child.text()
                elif isinstance(child, Node) and child.tag == "dd" and term is not None:
                    pairs[term] = child.text()
        return pairs


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page(response: Any) -> Node:
    return parse(response.content.decode())


def main(response: Any) -> Node:
    return page(response).by_id("main")


def h1(response: Any) -> list[str]:
    """Every <h1> of the page (there should be one)."""
    return [node.text() for node in page(response).find_all(tag="h1")]


def main_heading(response: Any) -> str:
    """The one <h1> inside <main>; fails if there is not exactly one."""
    [heading] = main(response).find_all(tag="h1")
    return heading.text()


def form_errors(response: Any) -> list[str]:
    return main(response).texts("form-error")


def page_messages(response: Any) -> list[str]:
    """Messages as the page shows them (rendered in base.html)."""
    return [
        node.text() for node in main(response).find_all(cls="alert") if node.attrs.get("role") in ("status", "alert")
    ]
