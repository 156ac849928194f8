// Enterprise fields (input[data-picker], see _EnterprisePicker.cshtml): as the user types, the carrier's enterprises
// that the registry search finds replace the field's suggestions, as "name（credit code）", which the server resolves.
// Without this script the field still takes a credit code or an exact name.
(() => {
  for (const input of document.querySelectorAll('input[data-picker]:not([data-picker-ready])')) {
    input.dataset.pickerReady = '1';
    const list = document.getElementById(input.getAttribute('list'));
    let timer, asked = '';
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        // a chosen suggestion ends with its code in brackets: nothing to look up
        if (q === '' || q === asked || q.endsWith('）')) return;
        asked = q;
        try {
          const r = await fetch(`${input.dataset.picker}?pageSize=20&q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
          if (!r.ok || input.value.trim() !== q) return;
          const page = await r.json();
          list.replaceChildren(...page.items.map(e => Object.assign(document.createElement('option'), { value: `${e.name}（${e.creditCode}）` })));
        } catch { /* offline or signed out: the typed text is still sent */ }
      }, 200);
    });
  }
})();
