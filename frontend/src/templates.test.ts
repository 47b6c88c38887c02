import { describe, expect, it } from 'vitest';
import { validateTemplate } from './templates';

describe('validateTemplate', () => {
  it('accepts a title with one to twenty duties', () => {
    expect(validateTemplate({ title: '教育扶贫资助工作责任书', duties: ['控辍保学'], closing: '' })).toEqual({});
  });

  it('names what is wrong, duty by duty', () => {
    const e = validateTemplate({ title: '  ', duties: ['好', '   ', 'x'.repeat(301)], closing: '' });
    expect(e.title).toBe('标题应为1到100个字');
    expect(e.duties).toBeUndefined();
    expect(e.dutyAt).toEqual({ 1: '第2条职责应为1到300个字', 2: '第3条职责应为1到300个字' });
    expect(validateTemplate({ title: 't', duties: [], closing: '' }).duties).toBe('职责应为1到20条');
    expect(validateTemplate({ title: 't', duties: Array(21).fill('d'), closing: '' }).duties).toBe('职责应为1到20条');
    expect(validateTemplate({ title: '题'.repeat(101), duties: ['d'], closing: '' }).title).toBeDefined();
  });
});
