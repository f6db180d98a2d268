namespace CleanChat.Application.Common.Interfaces;

/// <summary>Where uploaded files live. Names are the server's own; nothing a client sends becomes a path.</summary>
public interface IFileStore
{
    /// <summary>
    /// Writes <paramref name="head"/> and then the rest of <paramref name="rest"/> under the name. Gives up
    /// with <see cref="Exceptions.PayloadTooLargeException"/> once more than <paramref name="maxBytes"/> arrive;
    /// on that or any failure (a dropped connection) nothing is left behind.
    /// </summary>
    Task<long> SaveAsync(string name, ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The file, or null if there is none by that name.</summary>
    Stream? OpenRead(string name);

    void Delete(string name);
}

/// <summary>Makes small previews of stored images.</summary>
public interface IThumbnailMaker
{
    /// <summary>Stores a thumbnail of the stored image and returns its name, or null when none could be made.</summary>
    Task<string?> MakeAsync(string storedName, CancellationToken cancellationToken);
}

public interface IUploadedFileRepository
{
    /// <summary>The uploads among these server-made names, in one query; names without an upload are left out.</summary>
    Task<IReadOnlyList<Domain.Uploads.UploadedFile>> FindByStoredNamesAsync(IReadOnlyCollection<string> storedNames, CancellationToken cancellationToken);

    void Add(Domain.Uploads.UploadedFile file);
}
