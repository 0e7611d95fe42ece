// The customer accounts whose usage is billed. In production the list comes from the billing
// service at startup; this lab makes up 10,000 of them.
export const ACCOUNTS = Array.from({ length: 10_000 }, (_, index) => `acct-${String(index + 1).padStart(5, '0')}`);
