using System.Buffers;
using System.Text.RegularExpressions;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Uploads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Files;

/// <summary>
/// Uploaded files in one directory on local disk. Files are written under a temporary name and renamed
/// into place only when complete, so a reader never sees half a file and a failed upload leaves nothing.
/// </summary>
internal sealed partial class LocalFileStore : IFileStore
{
    private readonly string _root;

    public LocalFileStore(IOptions<UploadOptions> options, IHostEnvironment environment)
    {
        var configured = options.Value.RootPath;
        _root = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(_root);
    }

    public string Root => _root;

    public async Task<long> SaveAsync(string name, ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken cancellationToken)
    {
        var target = PathOf(name);
        var partial = target + ".partial";
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long written;
            await using (var output = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                written = head.Length;
                EnsureWithin(written, maxBytes);
                await output.WriteAsync(head, cancellationToken);
                int read;
                while ((read = await rest.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    EnsureWithin(written, maxBytes);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await output.FlushAsync(cancellationToken);
            }

            File.Move(partial, target);
            return written;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public Stream? OpenRead(string name)
    {
        if (!IsStoredName(name))
            return null;

        try
        {
            return new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Delete(string name)
    {
        if (IsStoredName(name))
            File.Delete(PathOf(name));
    }

    /// <summary>Only names this service makes: 32 hex digits, an optional thumbnail suffix, a short extension.</summary>
    public static bool IsStoredName(string name) => StoredName().IsMatch(name);

    internal string PathOf(string name) =>
        IsStoredName(name) ? Path.Combine(_root, name) : throw new ArgumentException("Not a stored file name.", nameof(name));

    private static void EnsureWithin(long written, long maxBytes)
    {
        if (written > maxBytes)
            throw new PayloadTooLargeException($"The file is larger than the {maxBytes / (1024 * 1024.0):0.#} MiB this service accepts.");
    }

    [GeneratedRegex("^[0-9a-f]{32}(_thumb)?\\.[a-z0-9]{2,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredName();
}
