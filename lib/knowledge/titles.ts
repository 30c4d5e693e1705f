/** A website's title until its start page is read: its address without the scheme. */
export function websiteTitle(href: string): string {
  const url = new URL(href);
  return url.host + (url.pathname === "/" ? "" : url.pathname);
}
