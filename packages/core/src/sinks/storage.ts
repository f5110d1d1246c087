/**
 * Object-storage calls that read, write or delete one object by its key (S3, R2, GCS, Supabase
 * storage, app storage clients). A bucket holds every tenant's files; the key's first segment is
 * usually the tenant (`${teamId}/${docId}/file.pdf`), so whoever picks the key picks the tenant.
 * Data, interpreted by `recognise/storage.ts`.
 */

export type StorageOperation = 'read' | 'write';

/** Receivers that are an object store or a client of one (`storage.delete(key)`, `env.BUCKET.put(key, body)`). */
export const STORAGE_RECEIVER = /^(storage|storageClient|objectStorage|objectStore|fileStorage|filesStorage|blobStorage|bucket|[A-Z_]*BUCKET[A-Z_]*|s3|s3Client|r2|gcs|minio|blob|blobs|files)$/;

/** Methods of such receivers whose first argument is the key. */
export const STORAGE_METHODS: Readonly<Record<string, StorageOperation>> = Object.freeze(Object.assign(Object.create(null) as Record<string, StorageOperation>, {
  delete: 'write', remove: 'write', put: 'write', upload: 'write', copy: 'write', move: 'write',
  deleteObject: 'write', deleteObjects: 'write', putObject: 'write', copyObject: 'write',
  get: 'read', download: 'read', getObject: 'read', head: 'read', getSignedUrl: 'read', createSignedUrl: 'read',
}));

/** AWS SDK v3 commands whose `Key` is the object (`new DeleteObjectCommand({ Bucket, Key })`). */
export const STORAGE_COMMANDS: Readonly<Record<string, StorageOperation>> = Object.freeze(Object.assign(Object.create(null) as Record<string, StorageOperation>, {
  DeleteObjectCommand: 'write', PutObjectCommand: 'write', CopyObjectCommand: 'write', GetObjectCommand: 'read', HeadObjectCommand: 'read',
}));

/**
 * App helpers named for what they do to a stored file (`deleteFile(storageId, type, name)`,
 * `deleteFileFromS3(key)`, `uploadObject(key, body)`): their leading arguments make the key.
 */
export const STORAGE_HELPER = /^(delete|remove|put|upload)(File|Object|Blob|Asset|Upload)s?((From|To|In)[A-Z]\w*)?$/;

/**
 * Names of stored values that hold a link to a stored object: the kind of field a client sets
 * (an image, avatar or file URL) and that a later delete parses a key out of.
 */
export const STORED_URL_NAME = /url|uri|href|src|image|avatar|logo|icon|photo|picture|cover|banner|attachment|file|upload|media|video|audio|document/i;

/** Helpers that parse a stored URL or path into a key or its parts (`parseStorageFileUrl(url)`). */
export const URL_PARSER = /^(parse|split|extract|get)\w*(Url|URL|Uri|Path|Key)\w*$/;
