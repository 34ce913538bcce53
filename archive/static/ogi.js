/* Table and query pages: Chinese labels with units under each column name, and the
   long list of column descriptions folded into a <details> element. */
(function () {
  var labels = window.ogiLabels || {};
  document.querySelectorAll("table.rows-and-columns thead th").forEach(function (th) {
    var name = th.getAttribute("data-column") || th.textContent.trim();
    var label = labels[name];
    if (label && !th.querySelector(".ogi-label")) {
      var span = document.createElement("span");
      span.className = "ogi-label";
      span.textContent = label;
      th.appendChild(span);
    }
  });
  var dl = document.querySelector("dl.column-descriptions");
  if (dl && !dl.closest("details")) {
    var details = document.createElement("details");
    details.className = "ogi-columns";
    var summary = document.createElement("summary");
    summary.textContent = "列说明 / column descriptions (" + dl.querySelectorAll("dt").length + ")";
    dl.parentNode.insertBefore(details, dl);
    details.appendChild(summary);
    details.appendChild(dl);
  }
})();
