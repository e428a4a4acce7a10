/*
 * Runs the site's search worker (Material's worker behind the search layer) in Node on a built
 * site's index, for each query on stdin (one JSON list), and prints the result pages in order.
 * Used by tools/search-bench/compare.py to measure engines quickly; the real benchmark is
 * tests/test_search.py in Chromium.
 */
"use strict";
const fs = require("fs");
const vm = require("vm");
const [site, workerFile] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(`${site}/search/search_index.json`, "utf8"));
const queries = JSON.parse(fs.readFileSync(0, "utf8"));
const listeners = [];
const answers = [];
const context = {
  console,
  addEventListener: (type, fn) => listeners.push(fn),
  postMessage: (message) => answers.push(message),
};
context.self = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(workerFile, "utf8"), context);
const send = async (message) => {
  for (const fn of listeners) await fn({ data: message });
  await new Promise((resolve) => setImmediate(resolve));
  return answers.pop();
};
(async () => {
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const out = [];
  for (const query of queries) {
    const answer = await send({ type: 2, data: query });
    const pages = [];
    for (const group of answer.data.items) {
      const location = group[0].location.split("#")[0];
      if (!pages.includes(location)) pages.push(location);
    }
    out.push({ query, pages, hint: answer.data.isg || null });
  }
  process.stdout.write(JSON.stringify(out));
})();
