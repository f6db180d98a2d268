using CleanChat.Domain.Uploads;

namespace CleanChat.Application.Uploads;

/// <summary>A file type recognised from the file's own bytes.</summary>
public sealed record DetectedFileType(string MediaType, string Extension, FileKind Kind);
