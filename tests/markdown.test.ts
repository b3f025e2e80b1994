import { describe, expect, it } from 'vitest';
import { parseMarkdown, walkBlocks, type Block } from '../src/markdown/index.js';

const one = (md: string): Block => parseMarkdown(md)[0]!;

describe('Markdown → block model', () => {
  it('reads headings with anchors and TOC flags', () => {
    expect(one('# BAB I Pengantar {#bab-1}')).toEqual({ type: 'heading', level: 1, runs: [{ text: 'BAB I Pengantar' }], id: 'bab-1', toc: true });
    expect(one('## Tujuan {.no-toc}')).toMatchObject({ level: 2, toc: false });
    expect(one('### Langkah')).toMatchObject({ level: 3, toc: false });
  });

  it('keeps bold, italic, code and links as runs, with Indonesian typography', () => {
    expect(one('Teks **tebal** dan *miring*, `kode` dan [taut](https://kpu.go.id) -- "kutip" ...')).toEqual({
      type: 'paragraph',
      runs: [
        { text: 'Teks ' },
        { text: 'tebal', bold: true },
        { text: ' dan ' },
        { text: 'miring', italic: true },
        { text: ', ' },
        { text: 'kode', code: true },
        { text: ' dan ' },
        { text: 'taut', link: 'https://kpu.go.id' },
        { text: ' – “kutip” …' },
      ],
    });
  });

  it('nests ordered and bulleted lists', () => {
    const list = one('3. tiga\n   - a\n   - b\n4. empat');
    expect(list).toMatchObject({ type: 'list', ordered: true, start: 3 });
    if (list.type !== 'list') throw new Error();
    expect(list.items).toHaveLength(2);
    expect(list.items[0]![1]).toMatchObject({ type: 'list', ordered: false, items: [[{ runs: [{ text: 'a' }] }], [{ runs: [{ text: 'b' }] }]] });
  });

  it('takes table column widths from the delimiter row and <br> as a line break', () => {
    const t = one('| No | Kegiatan |\n|--|--------|\n| 1 | satu<br>dua |');
    expect(t).toMatchObject({ type: 'table', widths: [2, 8], header: [[{ text: 'No' }], [{ text: 'Kegiatan' }]], rows: [[[{ text: '1' }], [{ text: 'satu\ndua' }]]] });
  });

  it('turns ::: containers into callouts, keep blocks and components with properties', () => {
    expect(one('::: catatan Catatan Fasilitator\nIsi.\n:::')).toEqual({ type: 'callout', kind: 'catatan', title: 'Catatan Fasilitator', children: [{ type: 'paragraph', runs: [{ text: 'Isi.' }] }] });
    expect(one('::: perhatian\nAwas.\n:::')).toMatchObject({ type: 'callout', kind: 'perhatian' });
    expect(one('::: signature place="Mojokerto, 4 November 2024" name=Ketua\n:::')).toEqual({ type: 'component', name: 'signature', props: { place: 'Mojokerto, 4 November 2024', name: 'Ketua' }, children: [] });
    expect(one(':::: cover\n::: spacer height=10\n:::\n# Judul\n::::')).toMatchObject({ type: 'component', name: 'cover', children: [{ type: 'component', name: 'spacer' }, { type: 'heading' }] });
  });

  it('reads images, rules, quotes and explicit page breaks', () => {
    expect(one('![Logo KPU](assets/logo.png){width=96}')).toEqual({ type: 'image', src: 'assets/logo.png', alt: 'Logo KPU', width: 96, align: 'center' });
    expect(parseMarkdown('a\n\n---\n\n\\newpage\n\n> kutipan').map((b) => b.type)).toEqual(['paragraph', 'rule', 'pagebreak', 'quote']);
  });

  it('walks nested blocks depth first', () => {
    const blocks = parseMarkdown('::: kotak\n- satu\n- dua\n:::');
    expect([...walkBlocks(blocks)].map((b) => b.type)).toEqual(['callout', 'list', 'paragraph', 'paragraph']);
  });
});
