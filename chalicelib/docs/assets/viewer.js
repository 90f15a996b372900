// Renders /openapi.json: operations grouped by tag, each with its parameters,
// request body, responses and the roles allowed to call it.
(function () {
  const base = location.pathname.replace(/\/docs\/?$/, "");
  const el = (tag, cls, text) => {
    const n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  };

  function resolve(spec, schema, depth) {
    if (!schema || depth > 6) return schema;
    if (schema.$ref) {
      const name = schema.$ref.split("/").pop();
      return resolve(spec, spec.components.schemas[name] || {}, depth + 1);
    }
    const out = Array.isArray(schema) ? [] : {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = typeof v === "object" && v !== null ? resolve(spec, v, depth + 1) : v;
    }
    return out;
  }

  function section(title, value) {
    const wrap = el("div");
    wrap.appendChild(el("h4", null, title));
    wrap.appendChild(el("pre", null, JSON.stringify(value, null, 2)));
    return wrap;
  }

  function operation(spec, path, method, op) {
    const d = el("details");
    d.dataset.search = [path, op.summary, (op.tags || []).join(" ")].join(" ").toLowerCase();
    const s = el("summary");
    s.appendChild(el("span", "method " + method, method.toUpperCase()));
    s.appendChild(el("span", "path", path + "  "));
    s.appendChild(el("span", null, op.summary || ""));
    s.appendChild(el("span", "roles", op.security && op.security.length ? (op["x-roles"] || []).join(", ") : "public"));
    d.appendChild(s);
    const body = el("div", "body");
    if (op.parameters && op.parameters.length) body.appendChild(section("Parameters", op.parameters));
    if (op.requestBody) body.appendChild(section("Request body", resolve(spec, op.requestBody.content["application/json"].schema, 0)));
    for (const [status, resp] of Object.entries(op.responses)) {
      const r = resolve(spec, resp, 0);
      const media = r.content && (r.content["application/json"] || r.content["application/problem+json"]);
      body.appendChild(section(status + " " + (r.description || ""), media ? media.schema : "(no body)"));
    }
    d.appendChild(body);
    return d;
  }

  function render(spec) {
    document.getElementById("intro").textContent = spec.info.description + " Version " + spec.info.version + ".";
    const byTag = {};
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const tag = (op.tags || ["Other"])[0];
        (byTag[tag] = byTag[tag] || []).push(operation(spec, path, method, op));
      }
    }
    const root = document.getElementById("ops");
    for (const tag of Object.keys(byTag).sort()) {
      root.appendChild(el("h2", null, tag));
      byTag[tag].forEach((n) => root.appendChild(n));
    }
  }

  document.getElementById("filter").addEventListener("input", (e) => {
    const q = e.target.value.toLowerCase();
    document.querySelectorAll("details").forEach((d) => { d.style.display = d.dataset.search.includes(q) ? "" : "none"; });
  });
  fetch(base + "/openapi.json").then((r) => r.json()).then(render).catch((err) => {
    document.getElementById("intro").textContent = "Could not load the description: " + err;
  });
})();
