package org.worldmodels.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.worldmodels.util.AtomicFiles;
import org.worldmodels.util.Check;

/**
 * Frames as an animated GIF that loops forever, written with the JDK's own GIF writer ({@code
 * javax.imageio}): each frame is one image of a write sequence, with its delay in the GIF's graphic
 * control extension and the loop in a {@code NETSCAPE2.0} application extension of the first. The
 * writer reduces each RGB frame to a palette of at most 256 colours of its own, so colours may
 * differ slightly from the frames (the PNG filmstrips are exact).
 *
 * <pre>{@code
 * AnimatedGif.write(file, 64, 64, frames, 5, 2); // 20 frames a second, each pixel 2 x 2
 * }</pre>
 */
public final class AnimatedGif {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private AnimatedGif() {}

  /**
   * Writes {@code frames} (uint8 {@code [height, width, 3]} each, row 0 at the top) to {@code
   * file}, atomically.
   *
   * @param delay hundredths of a second each frame is shown, in [2, 65535] (browsers slow down
   *     shorter delays)
   * @param scale each frame pixel drawn as {@code scale x scale} pixels, in [1, 16]
   * @throws IllegalArgumentException for no frames, frames of another size, or values out of range
   */
  public static void write(
      Path file, int height, int width, List<byte[]> frames, int delay, int scale)
      throws IOException {
    Check.argument(!frames.isEmpty(), "animated GIF: no frames");
    Check.positive("frame height", height);
    Check.positive("frame width", width);
    Check.inRange("GIF delay (1/100 s)", delay, 2, 65_535);
    Check.inRange("GIF scale", scale, 1, 16);
    for (int i = 0; i < frames.size(); i++) {
      FramePixels.check(frames.get(i), height, width, "GIF frame " + i);
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
    if (!writers.hasNext()) {
      throw new IOException("no GIF writer in this JVM");
    }
    ImageWriter writer = writers.next();
    try {
      AtomicFiles.write(
          file,
          out -> {
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
              writer.setOutput(ios);
              ImageWriteParam param = writer.getDefaultWriteParam();
              writer.prepareWriteSequence(null);
              for (int i = 0; i < frames.size(); i++) {
                BufferedImage img = FramePixels.image(frames.get(i), height, width, scale);
                IIOMetadata meta =
                    writer.getDefaultImageMetadata(
                        ImageTypeSpecifier.createFromRenderedImage(img), param);
                timing(meta, delay, i == 0);
                writer.writeToSequence(new IIOImage(img, null, meta), param);
              }
              writer.endWriteSequence();
            }
          });
    } finally {
      writer.dispose();
    }
  }

  /** Sets the frame's delay and, on the first frame, the endless loop. */
  private static void timing(IIOMetadata meta, int delay, boolean first) throws IOException {
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("transparentColorIndex", "0");
    control.setAttribute("delayTime", Integer.toString(delay));
    if (first) {
      IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
      app.setAttribute("applicationID", "NETSCAPE");
      app.setAttribute("authenticationCode", "2.0");
      // Sub-block 1, then the loop count as 16 bits little-endian: 0 loops forever.
      app.setUserObject(new byte[] {1, 0, 0});
      child(root, "ApplicationExtensions").appendChild(app);
    }
    meta.setFromTree(FORMAT, root);
  }

  private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
    for (int i = 0; i < parent.getLength(); i++) {
      if (parent.item(i) instanceof IIOMetadataNode n && n.getNodeName().equals(name)) {
        return n;
      }
    }
    IIOMetadataNode n = new IIOMetadataNode(name);
    parent.appendChild(n);
    return n;
  }
}
