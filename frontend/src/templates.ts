// The checks of a county's agreement template, as the server makes them
// (agreement/templates.go), so the editor can say what is wrong at once.
export interface TemplateDraft {
  title: string;
  duties: string[];
  closing: string;
}

export interface TemplateErrors {
  title?: string;
  duties?: string;
  /** By duty index. */
  dutyAt?: Record<number, string>;
}

const len = (s: string) => [...s.trim()].length;

export function validateTemplate(d: TemplateDraft): TemplateErrors {
  const e: TemplateErrors = {};
  if (len(d.title) < 1 || len(d.title) > 100) e.title = '标题应为1到100个字';
  if (d.duties.length < 1 || d.duties.length > 20) e.duties = '职责应为1到20条';
  d.duties.forEach((x, i) => {
    if (len(x) < 1 || len(x) > 300) {
      e.dutyAt = { ...e.dutyAt, [i]: `第${i + 1}条职责应为1到300个字` };
    }
  });
  return e;
}
