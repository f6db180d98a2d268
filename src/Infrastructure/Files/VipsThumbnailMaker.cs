using System.ComponentModel;
using System.Diagnostics;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanChat.Infrastructure.Files;

/// <summary>
/// Thumbnails by libvips' <c>vipsthumbnail</c> (no .NET imaging library is available here). The tool runs
/// as a separate process with a time limit, so a hostile image can at worst fail its own thumbnail.
/// Without the tool, uploads still work: thumbnails are null and one warning says why.
/// </summary>
internal sealed class VipsThumbnailMaker : IThumbnailMaker
{
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(15);

    private readonly LocalFileStore _store;
    private readonly UploadOptions _options;
    private readonly ILogger<VipsThumbnailMaker> _logger;
    private int _missingReported;

    public VipsThumbnailMaker(LocalFileStore store, IOptions<UploadOptions> options, ILogger<VipsThumbnailMaker> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<string?> MakeAsync(string storedName, CancellationToken cancellationToken)
    {
        var thumbnailName = Path.GetFileNameWithoutExtension(storedName) + "_thumb.jpg";
        var output = _store.PathOf(thumbnailName);
        var start = new ProcessStartInfo(_options.VipsThumbnailCommand)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_store.PathOf(storedName));
        start.ArgumentList.Add("--size");
        start.ArgumentList.Add($"{_options.ThumbnailSize}x{_options.ThumbnailSize}");

        // "[Q=80,strip]": JPEG quality, and no metadata (camera GPS position) copied into the preview.
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add(output + "[Q=80,strip]");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("vipsthumbnail did not start");
        }
        catch (Win32Exception ex)
        {
            if (Interlocked.Exchange(ref _missingReported, 1) == 0)
                _logger.LogWarning(ex, "Cannot run {Command}; images are stored without thumbnails (install libvips-tools)", _options.VipsThumbnailCommand);
            return null;
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeLimit);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                File.Delete(output);
                if (cancellationToken.IsCancellationRequested)
                    throw;
                _logger.LogWarning("vipsthumbnail took longer than {Seconds} s for {File}; no thumbnail", TimeLimit.TotalSeconds, storedName);
                return null;
            }

            if (process.ExitCode == 0 && File.Exists(output))
                return thumbnailName;

            File.Delete(output);
            _logger.LogWarning("vipsthumbnail could not read {File} (exit {ExitCode}): {Errors}", storedName, process.ExitCode, (await errors).Trim());
            return null;
        }
    }
}
