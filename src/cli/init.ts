export async function run(_dir: string): Promise<number> {
  return 0;
}
