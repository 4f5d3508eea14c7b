using System.Diagnostics;
using Parley.Mail.Outbound;

namespace Parley.Mail.Tests.Sending;

/// <summary>
/// Verifies a DKIM signature independently of MimeKit: Debian's <c>python3-dkim</c> (dkimpy), its DNS lookup
/// answered with the TXT record Parley tells the user to publish (and nothing for any other name).
/// </summary>
internal static class DkimCheck
{
    private const string Script = """
        import sys, dkim
        message = open(sys.argv[1], 'rb').read()
        name, record = sys.argv[2], sys.argv[3].encode()
        def dnsfunc(qname, timeout=5):
            return record if qname.decode().rstrip('.').lower() == name.lower() else None
        print('pass' if dkim.verify(message, dnsfunc=dnsfunc) else 'fail')
        """;

    /// <summary>"pass" or "fail", as dkimpy judged the message in <paramref name="emlPath"/>.</summary>
    public static async Task<string> VerifyAsync(string emlPath, DkimRecord record)
    {
        var script = Path.Combine(Path.GetTempPath(), "parley-dkimverify-" + Guid.NewGuid().ToString("N") + ".py");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { script, emlPath, record.Name, record.Value })
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "dkim verifier crashed: " + error);
            return output.Trim();
        }
        finally
        {
            File.Delete(script);
        }
    }
}
