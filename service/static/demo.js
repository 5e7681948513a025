// The demo page: POST /extract, then show the text with entities highlighted.
// Offsets are code points (what the API returns); JavaScript strings index UTF-16
// units, so the text is split into code points first (Array.from).
"use strict";

const form = document.getElementById("extract-form");
const statusLine = document.getElementById("status");
const result = document.getElementById("result");
const raw = document.getElementById("raw");

function describe(ent) {
  const lines = [`${ent.label} · score ${ent.score.toFixed(2)}`];
  if (ent.name || ent.id) {
    const english = ent.name_en ? ` · ${ent.name_en}` : "";
    lines.push(`${ent.name || ""}${english} ${ent.id ? "(" + ent.id + ")" : ""}`.trim());
  }
  if (ent.value) lines.push(`value ${ent.value}`);
  if (ent.mod) lines.push(`mod ${ent.mod}`);
  if (ent.note) lines.push(ent.note);
  return lines.join("\n");
}

function render(text, entities) {
  const chars = Array.from(text);
  result.replaceChildren();
  let pos = 0;
  for (const ent of [...entities].sort((a, b) => a.start - b.start)) {
    if (ent.start < pos) continue; // overlaps never come from the API; be safe
    result.append(chars.slice(pos, ent.start).join(""));
    const mark = document.createElement("mark");
    mark.className = `ent ${ent.label}`;
    mark.dataset.label = ent.label;
    mark.dataset.start = ent.start;
    mark.dataset.end = ent.end;
    mark.title = describe(ent);
    mark.append(chars.slice(ent.start, ent.end).join(""));
    const tag = document.createElement("span");
    tag.className = "tag";
    tag.textContent = ent.label;
    mark.append(tag);
    result.append(mark);
    pos = ent.end;
  }
  result.append(chars.slice(pos).join(""));
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = document.getElementById("text").value;
  const date = document.getElementById("date").value || null;
  const key = document.getElementById("apikey").value;
  const headers = { "Content-Type": "application/json" };
  if (key) headers.Authorization = `Bearer ${key}`;
  statusLine.className = "";
  statusLine.textContent = "Extracting…";
  try {
    const response = await fetch("/extract", { method: "POST", headers, body: JSON.stringify({ text, date }) });
    const body = await response.json();
    raw.textContent = JSON.stringify(body, null, 2);
    if (!response.ok) {
      statusLine.className = "error";
      const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
      statusLine.textContent = `Error ${response.status}: ${detail}`;
      return;
    }
    render(text, body.entities);
    statusLine.textContent = `${body.entities.length} entities in ${body.timing_ms} ms · ${body.model.name} v${body.model.version} · dates resolved against ${body.date} (${body.date_source})`;
  } catch (err) {
    statusLine.className = "error";
    statusLine.textContent = `Request failed: ${err}`;
  }
});
