// Reads a rendered PNG back into pixels, so chart tests can check what a viewer would see: colours and where.

import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function readPixels(png: Buffer): Promise<Pixels> {
  const picture = await loadImage(png);
  const canvas = createCanvas(picture.width, picture.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(picture, 0, 0);
  return {
    width: picture.width,
    height: picture.height,
    data: ctx.getImageData(0, 0, picture.width, picture.height).data,
  };
}

/** Every pixel of exactly this colour (bar fills are solid, so anti-aliased edges do not matter). */
export function findColor(pixels: Pixels, hex: string): { x: number; y: number }[] {
  const r = Number.parseInt(hex.slice(1, 3), 16);
  const g = Number.parseInt(hex.slice(3, 5), 16);
  const b = Number.parseInt(hex.slice(5, 7), 16);
  const found: { x: number; y: number }[] = [];
  for (let i = 0; i < pixels.data.length; i += 4) {
    if (pixels.data[i] === r && pixels.data[i + 1] === g && pixels.data[i + 2] === b && pixels.data[i + 3] === 255) {
      const index = i / 4;
      found.push({ x: index % pixels.width, y: Math.floor(index / pixels.width) });
    }
  }
  return found;
}

/** Dark pixels in a band of rows: text drawn there (a missing font would leave it blank). */
export function countDarkPixels(pixels: Pixels, fromY: number, toY: number): number {
  let count = 0;
  for (let y = fromY; y < toY; y += 1) {
    for (let x = 0; x < pixels.width; x += 1) {
      const i = (y * pixels.width + x) * 4;
      if ((pixels.data[i] ?? 255) < 100 && (pixels.data[i + 1] ?? 255) < 100 && (pixels.data[i + 2] ?? 255) < 100) {
        count += 1;
      }
    }
  }
  return count;
}

export function readPngSize(png: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: width and height are big-endian 32-bit integers at bytes 16 and 20.
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
