using CleanChat.WebApi;

var isVerb = CommandLine.IsVerb(args);
var builder = WebApplication.CreateBuilder(isVerb ? Array.Empty<string>() : args);

// The guides assume http://localhost:8000; --urls, ASPNETCORE_URLS or Kestrel endpoints in configuration override it.
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://localhost:8000");
}

// A chat API takes small JSON bodies; bigger ones are refused before they are read.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

CleanChat.WebApi.Infrastructure.DevelopmentVapidKeys.AddTo(builder.Configuration, builder.Environment);
builder.Services.AddCleanChat(builder.Configuration, builder.Environment);
var app = builder.Build();

if (isVerb)
    return await CommandLine.RunAsync(app, args);

await app.InitializeDatabaseAsync();
app.UseCleanChat();
app.MapCleanChat();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so functional tests can host it.</summary>
public partial class Program;
