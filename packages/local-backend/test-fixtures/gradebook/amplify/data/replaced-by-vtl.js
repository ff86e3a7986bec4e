export function request() {
  return { operation: 'Scan', limit: 1 };
}

export function response() {
  return { total: -1 };
}
