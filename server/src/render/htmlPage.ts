/**
 * The opening of a self-contained HTML page (reports and comparisons): no script, no
 * network (a Content-Security-Policy that allows only the inline style). `title` is escaped
 * by the caller; the caller closes `<body>` and `<html>`.
 */
export function htmlPageStart(escapedTitle: string, css: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="mqg4ai">',
    `<title>${escapedTitle}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
  ];
}
