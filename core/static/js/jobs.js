// A background job's progress bar: asks the job's API address (the session is enough for a read)
// and moves the bar; when the job has ended, reloads the page, which then shows the outcome.
(function () {
  var box = document.querySelector("[data-job-url]");
  if (!box) {
    return;
  }
  var bar = box.querySelector("progress");
  var percent = box.querySelector("[data-job-percent]");
  var label = box.querySelector("[data-job-label]");

  function show(job) {
    var value = Math.max(0, Math.min(1, Number(job.progress) || 0));
    bar.value = value;
    bar.textContent = percent.textContent = Math.round(value * 100) + "%";
    box.setAttribute("data-status", job.status);
    if (label && label.getAttribute("data-" + job.status)) {
      label.textContent = label.getAttribute("data-" + job.status);
    }
  }

  function poll() {
    fetch(box.getAttribute("data-job-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (job) {
        show(job);
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 500);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  window.setTimeout(poll, 300);
})();
