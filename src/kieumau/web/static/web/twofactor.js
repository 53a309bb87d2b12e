// Two-step verification: the "Print" button beside the recovery codes.
"use strict";

document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
