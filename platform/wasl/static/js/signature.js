/*
 * Signature pad: draw with a mouse, a finger or a pen on a <canvas>; the drawing
 * travels with the form as a PNG data URL in a hidden input.
 *
 * Markup (see templates/cases/_signature_pad.html, macro signature_pad):
 *   <div data-signature-pad>
 *     <canvas data-signature-canvas></canvas>
 *     <input type="hidden" data-signature-input name="signature">
 *     <button type="button" data-signature-clear>…</button>
 *   </div>
 *
 * Strokes are kept in CSS pixels and redrawn when the pad is resized, so the
 * signature survives a rotated phone. Pointer events cover mouse, touch and pen.
 */
(function () {
  "use strict";

  var LINE_WIDTH = 2.2;
  var INK = "#0b2239";

  function SignaturePad(root) {
    this.root = root;
    this.canvas = root.querySelector("[data-signature-canvas]");
    this.input = root.querySelector("[data-signature-input]");
    this.clearButton = root.querySelector("[data-signature-clear]");
    this.status = root.querySelector("[data-signature-status]");
    this.strokes = [];
    this.current = null;
    this.restored = null;
    this.resize();
    this.bind();
    this.restore();
  }

  // A form shown again after an error keeps the signature already drawn.
  SignaturePad.prototype.restore = function () {
    var value = this.input.value || "";
    if (value.indexOf("data:image/png;base64,") !== 0) { return; }
    var self = this;
    var image = new Image();
    image.onload = function () {
      self.restored = image;
      self.redraw();
      self.save();
    };
    image.src = value;
  };

  SignaturePad.prototype.bind = function () {
    var self = this;
    var canvas = this.canvas;
    canvas.addEventListener("pointerdown", function (event) { self.start(event); });
    canvas.addEventListener("pointermove", function (event) { self.move(event); });
    canvas.addEventListener("pointerup", function (event) { self.end(event); });
    canvas.addEventListener("pointercancel", function (event) { self.end(event); });
    canvas.addEventListener("lostpointercapture", function (event) { self.end(event); });
    // Older touch browsers without pointer events still scroll otherwise.
    canvas.addEventListener("touchmove", function (event) { event.preventDefault(); }, { passive: false });
    if (this.clearButton) {
      this.clearButton.addEventListener("click", function () { self.clear(); });
    }
    window.addEventListener("resize", function () { self.resize(); });
    var form = this.root.closest("form");
    if (form) {
      form.addEventListener("reset", function () { self.clear(); });
    }
  };

  SignaturePad.prototype.point = function (event) {
    var box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  SignaturePad.prototype.start = function (event) {
    if (event.button !== undefined && event.button > 0) { return; }
    event.preventDefault();
    if (this.canvas.setPointerCapture) { this.canvas.setPointerCapture(event.pointerId); }
    this.current = [this.point(event)];
    this.strokes.push(this.current);
    this.drawDot(this.current[0]);
  };

  SignaturePad.prototype.move = function (event) {
    if (!this.current) { return; }
    event.preventDefault();
    var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
    if (!events.length) { events = [event]; }
    for (var i = 0; i < events.length; i++) {
      var previous = this.current[this.current.length - 1];
      var next = this.point(events[i]);
      this.current.push(next);
      this.drawSegment(previous, next);
    }
  };

  SignaturePad.prototype.end = function () {
    if (!this.current) { return; }
    this.current = null;
    this.save();
    this.clearError();
  };

  SignaturePad.prototype.context = function () {
    var ctx = this.canvas.getContext("2d");
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth = LINE_WIDTH;
    ctx.strokeStyle = INK;
    ctx.fillStyle = INK;
    return ctx;
  };

  SignaturePad.prototype.drawDot = function (p) {
    var ctx = this.context();
    ctx.beginPath();
    ctx.arc(p.x, p.y, LINE_WIDTH / 2, 0, Math.PI * 2);
    ctx.fill();
  };

  SignaturePad.prototype.drawSegment = function (a, b) {
    var ctx = this.context();
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  };

  SignaturePad.prototype.redraw = function () {
    var ctx = this.canvas.getContext("2d");
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.restored) {
      ctx.drawImage(this.restored, 0, 0, this.canvas.clientWidth, this.canvas.clientHeight);
    }
    for (var s = 0; s < this.strokes.length; s++) {
      var stroke = this.strokes[s];
      this.drawDot(stroke[0]);
      for (var i = 1; i < stroke.length; i++) { this.drawSegment(stroke[i - 1], stroke[i]); }
    }
  };

  SignaturePad.prototype.resize = function () {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var width = this.canvas.clientWidth;
    var height = this.canvas.clientHeight;
    if (!width || !height) { return; }
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.getContext("2d").setTransform(ratio, 0, 0, ratio, 0, 0);
    this.redraw();
  };

  SignaturePad.prototype.isEmpty = function () {
    return this.strokes.length === 0 && !this.restored;
  };

  SignaturePad.prototype.save = function () {
    this.input.value = this.isEmpty() ? "" : this.canvas.toDataURL("image/png");
    this.root.classList.toggle("wasl-signature-signed", !this.isEmpty());
    if (this.status) {
      this.status.textContent = this.isEmpty() ? this.status.dataset.empty : this.status.dataset.signed;
    }
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
  };

  // The error the server gave for a missing or empty signature no longer applies once there is one.
  SignaturePad.prototype.clearError = function () {
    this.root.classList.remove("is-invalid");
    var field = this.root.closest("[data-signature-field]") || this.root.parentNode;
    var errors = field.querySelectorAll("[data-signature-error]");
    for (var i = 0; i < errors.length; i++) { errors[i].remove(); }
  };

  SignaturePad.prototype.clear = function () {
    this.strokes = [];
    this.current = null;
    this.restored = null;
    this.redraw();
    this.save();
  };

  function init() {
    var pads = document.querySelectorAll("[data-signature-pad]");
    for (var i = 0; i < pads.length; i++) {
      if (!pads[i].waslSignaturePad) { pads[i].waslSignaturePad = new SignaturePad(pads[i]); }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
