/* 换一张 without losing anything: where scripts run, a new captcha image is fetched and swapped
 * in place (the file input of a form keeps its file). Without scripts, or if the fetch fails, the
 * button submits the form, which comes back with everything typed and a new image. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-captcha-refresh]") : null;
    if (!button || !window.fetch) return;
    var row = button.closest(".captcha-row");
    var box = row && row.querySelector("[data-captcha]");
    if (!box) return;
    event.preventDefault();
    fetch(box.getAttribute("data-refresh-url"), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        box.querySelector("img").src = data.image_url;
        box.querySelector("[data-captcha-key]").value = data.key;
        var answer = box.querySelector(".captcha-answer");
        answer.value = "";
        answer.focus();
        var status = row.querySelector("[data-captcha-status]");
        if (status) status.textContent = "已换一张新的验证码图片。";
      })
      .catch(function () {
        var form = button.form;
        if (!form) return;
        if (form.requestSubmit) return form.requestSubmit(button);
        var flag = document.createElement("input");  // form.submit() would not send the button's name
        flag.type = "hidden";
        flag.name = button.name;
        flag.value = button.value;
        form.appendChild(flag);
        form.submit();
      });
  });
})();
