import { describe, expect, it } from 'vitest';
import { formatDate, formatDayDate, formatDuration, formatNumber, formatPlaceDate, formatTime, formatTimeRange, labelsFor, roman } from '../src/locale/index.js';
import { escapeMarkdown } from '../src/templates/index.js';

describe('Indonesian conventions', () => {
  it('writes dates with the day name (PUEBI spellings)', () => {
    expect(formatDayDate('2024-11-04')).toBe('Senin, 4 November 2024');
    expect(formatDayDate('2024-11-27')).toBe('Rabu, 27 November 2024');
    expect(formatDayDate('2024-09-20')).toBe('Jumat, 20 September 2024');
    expect(formatDate('2024-02-01')).toBe('1 Februari 2024');
    expect(formatPlaceDate('Mojokerto', '2024-11-04')).toBe('Mojokerto, 4 November 2024');
    expect(formatDayDate('2024-11-04', 'en')).toBe('Monday, 4 November 2024');
  });

  it('writes times with a period and the zone', () => {
    expect(formatTime('07:00', 'WIB')).toBe('pukul 07.00 WIB');
    expect(formatTimeRange('07.00', '13.00', 'WIB')).toBe('07.00–13.00 WIB');
    expect(formatTimeRange('08.00', '16.00')).toBe('08.00–16.00');
  });

  it('groups thousands with a period, and durations in hours and minutes', () => {
    expect(formatNumber(105313)).toBe('105.313');
    expect(formatNumber(1344)).toBe('1.344');
    expect(formatNumber(75.71)).toBe('75,71');
    expect(formatNumber(105313, 'en')).toBe('105,313');
    expect(formatDuration(90)).toBe('1 jam 30 menit');
    expect(formatDuration(45)).toBe('45 menit');
    expect(formatDuration(120)).toBe('2 jam');
  });

  it('numbers chapters in Roman numerals', () => {
    expect([1, 4, 5, 9, 14, 40].map(roman)).toEqual(['I', 'IV', 'V', 'IX', 'XIV', 'XL']);
  });

  it('has every label in both languages', () => {
    const id = labelsFor('id');
    const en = labelsFor('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    expect(id.toc).toBe('Daftar Isi');
    expect(en.toc).toBe('Contents');
  });

  it('escapes values so they print literally in Markdown', () => {
    expect(escapeMarkdown('*bukan tebal* [x] 1. a')).toBe('\\*bukan tebal\\* \\[x\\] 1. a');
    expect(escapeMarkdown('1. nomor')).toBe('1\\. nomor');
  });
});
