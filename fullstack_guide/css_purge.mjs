// Trims the built global stylesheet to the rules the built pages can use (fullstack_guide/css_purge.py).
// node css_purge.mjs < config.json: {stylesheet, content: [globs], safelist: [regex sources],
// safelistNames: [names]}. Run from Reflex's build workspace, whose node_modules hold purgecss.
import fs from "node:fs";
import { createRequire } from "node:module";

// purgecss is installed in the build workspace (the working directory), not beside this file.
const { PurgeCSS } = createRequire(`${process.cwd()}/`)("purgecss");

const config = JSON.parse(fs.readFileSync(0, "utf8")); // stdin
const sheet = fs.readFileSync(config.stylesheet, "utf8");
// Every attribute a selector tests (data-state, data-accent-color, ...): Radix sets them at run time.
const attributes = [...new Set([...sheet.matchAll(/\[((?:data|aria)-[a-z-]+)/g)].map((m) => m[1]))];
const [result] = await new PurgeCSS().purge({
  content: config.content,
  css: [{ raw: sheet }],
  // Class names as they appear in markup and scripts, breakpoint prefixes ("md:rt-r-gtc-2") kept whole.
  defaultExtractor: (text) => text.match(/[\w:-]+/g) || [],
  safelist: { standard: [...config.safelistNames, ...config.safelist.map((source) => new RegExp(source))] },
  dynamicAttributes: attributes,
  rejected: true,
});
fs.writeFileSync(config.stylesheet, result.css);
console.log(JSON.stringify({ before: sheet.length, after: result.css.length, rejected: result.rejected.length }));
