// Focal point picker of the image admin: a click on the picture fills focal_x/focal_y
// (fractions 0..1), which stay ordinary inputs for keyboard users. No dependencies.
(function () {
  "use strict";

  function clamp(value) {
    return Math.min(1, Math.max(0, value));
  }

  function parse(input) {
    var value = parseFloat(String(input.value).replace(",", "."));
    return isNaN(value) ? 0.5 : clamp(value);
  }

  // Same placement as crops.focal_crop_box, in fractions of the picture.
  function cropBox(width, height, ratio, fx, fy) {
    var w = 1, h = 1;
    if (width / height > ratio) {
      w = (height * ratio) / width;
    } else {
      h = width / ratio / height;
    }
    return {
      left: Math.min(Math.max(fx - w / 2, 0), 1 - w),
      top: Math.min(Math.max(fy - h / 2, 0), 1 - h),
      width: w,
      height: h,
    };
  }

  function init(picker) {
    var form = picker.closest("form");
    if (!form) return;
    var xInput = form.querySelector('[name="focal_x"]');
    var yInput = form.querySelector('[name="focal_y"]');
    var fileInput = form.querySelector('input[type="file"][name="file"]');
    var body = picker.querySelector(".focal-point__body");
    var empty = picker.querySelector(".focal-point__empty");
    var stage = picker.querySelector(".focal-point__stage");
    var image = picker.querySelector(".focal-point__image");
    var marker = picker.querySelector(".focal-point__marker");
    var frame = picker.querySelector(".focal-point__frame");
    var buttons = picker.querySelectorAll("[data-crop-ratio]");
    var ratio = 0;
    if (!xInput || !yInput || !stage) return;

    function show() {
      var fx = parse(xInput), fy = parse(yInput);
      marker.style.left = fx * 100 + "%";
      marker.style.top = fy * 100 + "%";
      if (ratio && image.naturalWidth && image.naturalHeight) {
        var box = cropBox(image.naturalWidth, image.naturalHeight, ratio, fx, fy);
        frame.style.left = box.left * 100 + "%";
        frame.style.top = box.top * 100 + "%";
        frame.style.width = box.width * 100 + "%";
        frame.style.height = box.height * 100 + "%";
        frame.hidden = false;
      } else {
        frame.hidden = true;
      }
    }

    function set(fx, fy) {
      // Three decimals: a thousandth of the picture is finer than any click.
      xInput.value = clamp(fx).toFixed(3);
      yInput.value = clamp(fy).toFixed(3);
      xInput.dispatchEvent(new Event("change", { bubbles: true }));
      yInput.dispatchEvent(new Event("change", { bubbles: true }));
      show();
    }

    stage.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      if (!rect.width || !rect.height) return;
      set((event.clientX - rect.left) / rect.width, (event.clientY - rect.top) / rect.height);
    });

    stage.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 0.1 : 0.01;
      var moves = {
        ArrowLeft: [-step, 0],
        ArrowRight: [step, 0],
        ArrowUp: [0, -step],
        ArrowDown: [0, step],
      };
      var move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      set(parse(xInput) + move[0], parse(yInput) + move[1]);
    });

    [xInput, yInput].forEach(function (input) {
      input.addEventListener("input", show);
      input.addEventListener("change", show);
    });

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        ratio = parseFloat(button.getAttribute("data-crop-ratio")) || 0;
        buttons.forEach(function (other) {
          other.setAttribute("aria-pressed", String(other === button));
        });
        show();
      });
    });

    image.addEventListener("load", show);

    if (fileInput) {
      // A newly chosen file is previewed at once, so the point can be set before saving.
      var previewUrl = null;
      fileInput.addEventListener("change", function () {
        var file = fileInput.files && fileInput.files[0];
        if (!file || !/^image\//.test(file.type)) return;
        if (previewUrl) URL.revokeObjectURL(previewUrl);
        previewUrl = URL.createObjectURL(file);
        image.src = previewUrl;
        body.hidden = false;
        if (empty) empty.hidden = true;
      });
    }

    show();
  }

  function start() {
    document.querySelectorAll("[data-focal-point]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
