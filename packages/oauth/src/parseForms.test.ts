import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEntities, parseForms } from "./parseForms.ts";

test("reads a sign-in and a consent form as a browser would submit them", () => {
  const html = `<!doctype html><main><!-- <form action="/fake"></form> -->
<script>const x = "<form>";</script>
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request" value="a&amp;b&quot;c">
<label>Email <input name="email" type="email" required></label>
<input type=password name=code>
<input type="checkbox" name="remember">
<input type="checkbox" name="terms" checked>
<textarea name="note">x &lt; y</textarea>
<select name="lang"><option value="en">English<option value="de" selected>Deutsch</select>
<input name="off" disabled value="x">
<button type="submit" name="decision" value="allow">Allow <b>access</b></button>
<button type="button">Cancel</button>
<input type="submit" value="Go">
</form><form><input name="q"></form></main>`;
  const forms = parseForms(html, "https://as.example/oauth/authorize?client_id=1");
  assert.equal(forms.length, 2);
  assert.deepEqual(forms[0], {
    action: "https://as.example/oauth/authorize",
    method: "POST",
    fields: [
      { name: "request", value: 'a&b"c', type: "hidden" },
      { name: "email", value: "", type: "email" },
      { name: "code", value: "", type: "password" },
      { name: "terms", value: "on", type: "checkbox" },
      { name: "note", value: "x < y", type: "textarea" },
      { name: "lang", value: "de", type: "select" },
    ],
    buttons: [
      { name: "decision", value: "allow", text: "Allow access" },
      { name: undefined, value: "Go", text: "Go" },
    ],
  });
  assert.deepEqual(forms[1], {
    action: "https://as.example/oauth/authorize?client_id=1",
    method: "GET",
    fields: [{ name: "q", value: "", type: "text" }],
    buttons: [],
  });
});

test("character references", () => {
  assert.equal(decodeEntities("&amp;&lt;&gt;&quot;&#39;&#x41;&#66;&unknown;"), "&<>\"'AB&unknown;");
});
