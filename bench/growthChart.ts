// A small log–log line chart (SVG, no dependencies) of the growth bench's curves: size on x, milliseconds on y.
import fs from 'node:fs';
import path from 'node:path';

export interface Series {
  name: string;
  points: Array<[number, number]>;
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2'];

export function writeChart(file: string, series: Series[]): void {
  const W = 720;
  const H = 380;
  const L = 60;
  const R = 250;
  const T = 20;
  const B = 40;
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => Math.max(p[1], 0.1)));
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = [Math.floor(lx(Math.min(...xs))), Math.ceil(lx(Math.max(...xs)))];
  const [y0, y1] = [Math.floor(lx(Math.min(...ys))), Math.ceil(lx(Math.max(...ys)))];
  const px = (v: number) => L + ((lx(v) - x0) / Math.max(x1 - x0, 1)) * (W - L - R);
  const py = (v: number) => H - B - ((lx(Math.max(v, 0.1)) - y0) / Math.max(y1 - y0, 1)) * (H - T - B);
  const parts: string[] = [];
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    parts.push(
      `<line x1="${x}" y1="${T}" x2="${x}" y2="${H - B}" stroke="#ddd"/><text x="${x}" y="${H - B + 16}" text-anchor="middle">${(10 ** e).toLocaleString('en')}</text>`,
    );
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    const label = 10 ** e >= 1000 ? `${10 ** e / 1000} s` : `${10 ** e} ms`;
    parts.push(`<line x1="${L}" y1="${y}" x2="${W - R}" y2="${y}" stroke="#ddd"/><text x="${L - 6}" y="${y + 4}" text-anchor="end">${label}</text>`);
  }
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length];
    const pts = s.points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(' ')}"/>`);
    for (const p of pts) parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${c}"/>`);
    parts.push(`<rect x="${W - R + 12}" y="${T + i * 20}" width="12" height="3" fill="${c}"/><text x="${W - R + 30}" y="${T + i * 20 + 5}">${s.name}</text>`);
  });
  parts.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">size (files or tables), log scale</text>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>\n`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, svg);
}
