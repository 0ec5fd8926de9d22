// warta: small progressive enhancements; every page works without this file.
(function () {
  "use strict";

  // Annotation toggles on the article page: hide one kind of highlight.
  function setupToggles() {
    var body = document.getElementById("body");
    if (!body) return;
    document.querySelectorAll("input[data-kind]").forEach(function (box) {
      box.addEventListener("change", function () {
        body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
      });
    });
  }

  // #s-START-END with no mark of that id (e.g. from a search hit): mark the
  // characters START..END of the clean text, counted over the body's text nodes.
  function markRange() {
    var m = /^#s-(\d+)-(\d+)$/.exec(window.location.hash);
    var body = document.getElementById("body");
    if (!m || !body || document.getElementById(window.location.hash.slice(1))) return;
    var start = +m[1], end = +m[2], pos = 0, first = null;
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var a = pos, b = pos + node.data.length;
      pos = b;
      if (b <= start || a >= end) return;
      var piece = node;
      if (start > a) piece = piece.splitText(start - a);
      if (end < b) piece.splitText(end - Math.max(a, start));
      var mark = document.createElement("mark");
      mark.className = "a-target";
      piece.parentNode.replaceChild(mark, piece);
      mark.appendChild(piece);
      if (!first) { first = mark; mark.id = window.location.hash.slice(1); mark.tabIndex = -1; }
    });
    if (first) { first.scrollIntoView({block: "center"}); first.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupToggles();
    markRange();
    window.addEventListener("hashchange", markRange);
  });
})();
