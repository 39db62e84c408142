// Remembers the light/dark choice in a cookie scoped to the UI's base path, read by the server at the next first render.
export function save(mode) {
  const path = new URL(document.baseURI).pathname;
  document.cookie = `dashboard.theme=${mode === 'dark' ? 'dark' : 'light'}; path=${path}; max-age=31536000; samesite=lax`;
}
