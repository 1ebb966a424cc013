// A learner's note rendered from Markdown, loaded only when a page shows one.
//
// rx.markdown imports react-markdown, its plugins and the code highlighter with the page, so an
// item page preloaded about 52 KiB (brotli) for a preview that starts hidden behind its tab.
// components/note_markdown.py imports this module lazily instead (a NoSSRComponent). It renders
// what rx.markdown's base component map renders: the same Radix typography, lists and
// highlighted code blocks, with raw HTML, math and KaTeX off.
import { useContext, useMemo } from "react";
import { jsx } from "@emotion/react";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import rehypeUnwrapImages from "rehype-unwrap-images";
import { PrismAsyncLight as SyntaxHighlighter } from "react-syntax-highlighter";
import oneLight from "react-syntax-highlighter/dist/esm/styles/prism/one-light";
import oneDark from "react-syntax-highlighter/dist/esm/styles/prism/one-dark";
import {
  Code as RadixThemesCode,
  Heading as RadixThemesHeading,
  Link as RadixThemesLink,
  Text as RadixThemesText,
} from "@radix-ui/themes";
import { ColorModeContext } from "$/utils/context";

const SPACED = { marginTop: "0.5em", marginBottom: "0.5em" };
const PARAGRAPH = { marginTop: "1em", marginBottom: "1em" };
const HEADING_SIZES = { h1: "6", h2: "5", h3: "4", h4: "3", h5: "2", h6: "1" };

function heading(level) {
  return ({ node, children, ...props }) =>
    jsx(RadixThemesHeading, { as: level, css: SPACED, size: HEADING_SIZES[level], ...props }, children);
}

function list(tag, listStyleType) {
  return ({ node, children, ...props }) =>
    jsx(tag, { css: { listStyleType, ...PARAGRAPH, marginLeft: "1.5rem" }, ...props }, children);
}

function codeBlock(resolvedColorMode) {
  return ({ node, ...rest }) => {
    const { node: _childNode, className, children: code, ...props } = rest.children.props;
    const text = String(Array.isArray(code) ? code.join("\n") : code).replace(/\n$/, "");
    const match = (className || "").match(/language-(?<lang>.*)/);
    return jsx(SyntaxHighlighter, {
      children: text,
      codeTagProps: { style: { whiteSpace: "pre-wrap" } },
      css: PARAGRAPH,
      customStyle: PARAGRAPH,
      language: match ? match[1] : "",
      style: resolvedColorMode === "light" ? oneLight : oneDark,
      wrapLongLines: true,
      ...props,
    });
  };
}

function componentMap(resolvedColorMode) {
  return {
    ...Object.fromEntries(Object.keys(HEADING_SIZES).map((level) => [level, heading(level)])),
    p: ({ node, children, ...props }) =>
      jsx(RadixThemesText, { as: "p", css: PARAGRAPH, ...props }, children),
    ul: list("ul", "disc"),
    ol: list("ol", "decimal"),
    li: ({ node, children, ...props }) => jsx("li", { css: SPACED, ...props }, children),
    a: ({ node, children, ...props }) =>
      jsx(RadixThemesLink, { css: { "&:hover": { color: "var(--accent-8)" } }, href: "#", ...props }, children),
    code: ({ node, children, ...props }) => jsx(RadixThemesCode, props, children),
    pre: codeBlock(resolvedColorMode),
  };
}

export default function NoteMarkdown({ source }) {
  const { resolvedColorMode } = useContext(ColorModeContext);
  const components = useMemo(() => componentMap(resolvedColorMode), [resolvedColorMode]);
  return jsx(ReactMarkdown, {
    children: typeof source === "string" ? source : "",
    components,
    remarkPlugins: [remarkGfm],
    rehypePlugins: [rehypeUnwrapImages],
  });
}
