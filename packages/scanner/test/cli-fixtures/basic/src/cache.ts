import Redis from 'ioredis';

const redis = new Redis();

export async function countKeys(): Promise<number> {
  const keys = await redis.keys('ctx:*');
  return keys.length;
}
