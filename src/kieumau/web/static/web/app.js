// Kiểu Mẫu: small progressive enhancements. Everything works without them (plain forms).
"use strict";

document.documentElement.classList.remove("no-js");

// <select data-autosubmit>: submit its form on change (the button beside it is for no-JS).
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});

// <form data-confirm="Question?">: ask before sending. Also on buttons (formaction).
document.addEventListener("submit", (event) => {
  const submitter = event.submitter;
  const question = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// <div class="dropzone"> holding a file input: dropping files puts them in the input and
// submits its form (htmx or plain).
document.addEventListener("dragover", (event) => {
  const zone = event.target.closest(".dropzone");
  if (!zone) return;
  event.preventDefault();
  zone.classList.add("dropzone-active");
});
document.addEventListener("dragleave", (event) => {
  const zone = event.target.closest(".dropzone");
  if (zone) zone.classList.remove("dropzone-active");
});
document.addEventListener("drop", (event) => {
  const zone = event.target.closest(".dropzone");
  if (!zone) return;
  event.preventDefault();
  zone.classList.remove("dropzone-active");
  const input = zone.querySelector("input[type=file]");
  if (!input || !event.dataTransfer.files.length) return;
  input.files = event.dataTransfer.files;
  input.dispatchEvent(new Event("change", { bubbles: true }));
});
