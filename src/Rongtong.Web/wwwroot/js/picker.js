// Enterprise fields (input[data-picker], see _EnterprisePicker.cshtml): as the user types, the carrier's organisations
// that the registry search finds replace the field's suggestions, as "name（credit code）", which the server resolves.
// An emptied field gets its first suggestions back. Without this script the field still takes a code or an exact name.
(() => {
  for (const input of document.querySelectorAll('input[data-picker]:not([data-picker-ready])')) {
    input.dataset.pickerReady = '1';
    const list = document.getElementById(input.getAttribute('list'));
    const first = [...list.children];
    let timer, asked = '', pending;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (q === '') { list.replaceChildren(...first); asked = ''; return; }
        // a chosen suggestion ends with its code in brackets: nothing to look up
        if (q === asked || /[)）]$/.test(q)) return;
        pending?.abort();
        pending = new AbortController();
        try {
          const r = await fetch(`${input.dataset.picker}?pageSize=20&q=${encodeURIComponent(q)}`,
            { headers: { accept: 'application/json' }, signal: pending.signal });
          if (!r.ok) return;
          const page = await r.json();
          if (input.value.trim() !== q) return; // typed on meanwhile: a newer search decides
          asked = q;
          list.replaceChildren(...page.items.map(e => Object.assign(document.createElement('option'), { value: `${e.name}（${e.creditCode}）` })));
        } catch { /* aborted, offline or signed out: the typed text is still sent */ }
      }, 200);
    });
  }
})();
