// Prints scripts/lighthouse's results as a Markdown table: one row a page, from the
// pages.tsv (name, path, HTTP status) and NAME.report.json files in the directory given.
// Usage: node summarise.mjs target/lighthouse/run1 — exits 1 when a score is below 100
// (or missing), so scripts/lighthouse can hold every page to 100 in every category.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2];
const categories = ["performance", "accessibility", "best-practices", "seo"];
// Numeric values rather than displayValue: the same units in every row, whatever the locale.
const metrics = {
  "largest-contentful-paint": (ms) => `${(ms / 1000).toFixed(1)} s`,
  "total-blocking-time": (ms) => `${Math.round(ms)} ms`,
  "cumulative-layout-shift": (cls) => cls.toFixed(3),
};
const blank = (text) => [text, ...Array(categories.length + Object.keys(metrics).length - 1).fill("")];

const rows = [];
const notes = [];
for (const line of readFileSync(join(dir, "pages.tsv"), "utf8").trim().split("\n")) {
  const [name, path, status] = line.split("\t");
  const report = join(dir, `${name}.report.json`);
  if (status !== "200") {
    rows.push([name, path, ...blank(`page missing (HTTP ${status})`)]);
  } else if (!existsSync(report)) {
    rows.push([name, path, ...blank("Lighthouse failed")]);
  } else {
    const lhr = JSON.parse(readFileSync(report, "utf8"));
    if (lhr.runtimeError) notes.push(`${name}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    // A null score means Lighthouse could not score the category: shown as "?", not 0.
    const scores = categories.map((c) => {
      const score = lhr.categories[c]?.score;
      return score == null ? "?" : String(Math.round(score * 100));
    });
    const values = Object.entries(metrics).map(([id, format]) => {
      const value = lhr.audits[id]?.numericValue;
      return value == null ? "?" : format(value);
    });
    rows.push([name, path, ...scores, ...values]);
    // An audit that crashed still leaves a report; say so, or its silence reads as a pass.
    const errored = Object.entries(lhr.audits).filter(([, a]) => a.errorMessage).map(([id]) => id);
    if (errored.length) notes.push(`${name}: audits that errored: ${errored.join(", ")}`);
    for (const warning of lhr.runWarnings) notes.push(`${name}: ${warning}`);
  }
}

const header = ["Page", "Path", "Performance", "Accessibility", "Best practices", "SEO", "LCP", "TBT", "CLS"];
const cell = (text) => text.replaceAll("|", "\\|");
console.log(`| ${header.join(" | ")} |`);
console.log(`|${header.map((_, i) => (i < 2 ? " --- " : " ---: ")).join("|")}|`);
for (const row of rows) console.log(`| ${row.map(cell).join(" | ")} |`);
if (notes.length) console.log(`\n${notes.map((n) => `- ${n}`).join("\n")}`);

const short = rows.filter((row) => row.slice(2, 2 + categories.length).some((score) => score !== "100"));
if (short.length) {
  console.log(`\nBelow 100: ${short.map((row) => row[0]).join(", ")}`);
  process.exitCode = 1;
}
