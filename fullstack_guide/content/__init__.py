"""The guide's content: versioned data files plus a typed loader."""

from fullstack_guide.content.loader import Content, ContentError, get_content, load_content

__all__ = ["Content", "ContentError", "get_content", "load_content"]
