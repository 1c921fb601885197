/* Sphinx 7.4's search page throws "Failed to execute 'appendChild' on
   'Node'" for a result whose page text it cannot extract: makeSearchSummary
   returns null and the caller appends it. Return an empty paragraph instead.
   Loaded on the search page only (tools/mlbook_site.py), before Sphinx's
   searchtools.js; the listener runs before the search starts. */
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.makeSearchSummary) return;
  const makeSearchSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (...args) =>
    makeSearchSummary(...args) || document.createElement("p");
});
