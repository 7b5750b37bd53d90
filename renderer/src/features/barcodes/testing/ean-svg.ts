/**
 * Renderer tests only: an EAN-13 drawn as an SVG image (the core reads SVG like any photo), and GS1
 * check digits to make valid numbers. Written from the symbology (ISO/IEC 15420; GS1 General
 * Specifications §5.2); the renderer cannot import the core's test encoder.
 */
const SET_A = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const LEADING = ['AAAAAA', 'AABABB', 'AABBAB', 'AABBBA', 'ABAABB', 'ABBAAB', 'ABBBAA', 'ABABAB', 'ABABBA', 'ABBABA'];
const setC = (d: number): string => [...(SET_A[d] ?? '')].map((b) => (b === '1' ? '0' : '1')).join('');
const setB = (d: number): string => [...setC(d)].reverse().join('');

export function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** A random valid EAN-13 starting with 2 (GS1's prefix for in-store numbers: no real product has it). */
export function randomEan13(): string {
  let body = '2';
  for (let i = 0; i < 11; i += 1) body += String(Math.floor(Math.random() * 10));
  return body + String(checkDigit(body));
}

export function ean13Svg(code: string, module = 3, height = 150): string {
  const d = [...code].map(Number);
  const parity = LEADING[d[0] ?? 0] ?? '';
  const left = d
    .slice(1, 7)
    .map((x, i) => (parity[i] === 'A' ? SET_A[x] : setB(x)))
    .join('');
  const bits = `${'0'.repeat(11)}101${left}01010${d.slice(7).map(setC).join('')}101${'0'.repeat(11)}`;
  const rects = [...bits]
    .map((b, i) => (b === '1' ? `<rect x="${i * module}" y="0" width="${module}" height="${height}"/>` : ''))
    .join('');
  const w = bits.length * module;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}"><rect width="${w}" height="${height}" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
}
